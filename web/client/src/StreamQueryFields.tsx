import { useId } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { FieldError } from './FormField.tsx';
import type { QueryField, StreamFormValues } from './stream-form.ts';
import styles from './StreamQueryFields.module.css';

interface Props {
  fields: QueryField[];
  register: UseFormRegister<StreamFormValues>;
  errors: FieldErrors<StreamFormValues>;
  /** Prefix for test ids and element ids, so two forms on one page stay apart. */
  idPrefix: string;
}

/** One input per field of the platform's query schema, each with its own error beneath it. */
export function StreamQueryFields({ fields, register, errors, idPrefix }: Props) {
  const base = useId();
  const queryErrors = (errors.query ?? {}) as Record<string, { message?: string } | undefined>;
  return (
    <div className={styles.queryFields} data-testid={`${idPrefix}-query-fields`}>
      {fields.map((f) => {
        const id = `${base}-${f.name}`;
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        const error = queryErrors[f.name]?.message;
        const describedBy = [f.description !== null ? hintId : null, error !== undefined ? errorId : null].filter((x) => x !== null).join(' ') || undefined;
        const common = {
          id,
          'aria-invalid': error !== undefined ? true : undefined,
          'aria-describedby': describedBy,
          'data-testid': `${idPrefix}-query-${f.name}`,
        } as const;
        if (f.kind === 'boolean') {
          return (
            <div key={f.name} className="field wide">
              <label className="check" htmlFor={id}>
                <input type="checkbox" {...common} {...register(`query.${f.name}`)} />
                <span>{f.label}</span>
              </label>
              {f.description !== null && (
                <span id={hintId} className="muted small">
                  {f.description}
                </span>
              )}
              <FieldError id={errorId} message={error} />
            </div>
          );
        }
        return (
          <div key={f.name} className={`field${f.kind === 'list' ? ' wide' : ''}`}>
            <label htmlFor={id}>
              {f.label}
              {f.kind === 'list' && <span className="muted small"> (one a line)</span>}
              {!f.required && f.kind !== 'list' && <span className="muted small"> (optional)</span>}
            </label>
            {f.kind === 'list' ? (
              <textarea rows={3} spellCheck={false} {...common} {...register(`query.${f.name}`)} />
            ) : (
              <input inputMode={f.kind === 'number' ? 'decimal' : undefined} spellCheck={false} {...common} {...register(`query.${f.name}`)} />
            )}
            {f.description !== null && (
              <span id={hintId} className="muted small">
                {f.description}
              </span>
            )}
            <FieldError id={errorId} message={error} />
          </div>
        );
      })}
    </div>
  );
}
