import { useId, type ReactNode } from 'react';

/** What a field's input needs to be labelled, and to say it is wrong and why. */
export interface FieldInputProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: ReactNode;
  /** The field's problem in the user's words; the input is then marked invalid. */
  error: string | undefined;
  hint?: ReactNode;
  className?: string;
  /** Test id of the error message. */
  errorTestId?: string;
  children(input: FieldInputProps): ReactNode;
}

/** A label, its input (given the id and aria wiring), an optional hint, and the field's error beneath. */
export function Field({ label, error, hint, className = 'field', errorTestId, children }: FieldProps) {
  const id = useId();
  const described = [error !== undefined ? `${id}-error` : null, hint !== undefined ? `${id}-hint` : null].filter((x) => x !== null);
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined ? true : undefined, 'aria-describedby': described.join(' ') || undefined })}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} message={error} testId={errorTestId} />
    </div>
  );
}

/** A field's problem, announced when it appears. */
export function FieldError({ id, message, testId }: { id?: string; message: string | undefined; testId?: string | undefined }) {
  if (message === undefined) return null;
  return (
    <span id={id} className="field-error" role="alert" data-testid={testId}>
      {message}
    </span>
  );
}

/** What a form could not put by a field (the server's, or a problem of the whole form), above its buttons. */
export function FormFailure({ messages, testId }: { messages: (string | null | undefined)[]; testId?: string }) {
  const shown = messages.filter((m): m is string => m !== null && m !== undefined && m !== '');
  if (shown.length === 0) return null;
  return (
    <p className="alert" role="alert" data-testid={testId}>
      {shown.join(' ')}
    </p>
  );
}
