import type { UseFormReturn } from 'react-hook-form';
import { Field } from './FormField.tsx';
import type { StreamFormValues } from './stream-form.ts';

interface Props {
  form: UseFormReturn<StreamFormValues>;
  nameLabel: string;
  /** Blank poll means the default for a new stream; an existing one shows its own. */
  pollPlaceholder?: string;
  namePlaceholder?: string;
  /** Test ids: `${idPrefix}-name`, `${idPrefix}-poll`. */
  idPrefix: string;
}

/** A stream's name, poll interval and monthly read budget: the same fields when creating and editing. */
export function StreamSettingsFields({ form, nameLabel, pollPlaceholder, namePlaceholder, idPrefix }: Props) {
  const { register, formState } = form;
  const errors = formState.errors;
  return (
    <div className="field-row">
      <Field label={nameLabel} error={errors.name?.message}>
        {(input) => <input {...input} placeholder={namePlaceholder} maxLength={100} {...register('name')} data-testid={`${idPrefix}-name`} />}
      </Field>
      <Field className="field narrow" label="Poll every (seconds)" error={errors.pollSeconds?.message}>
        {(input) => <input {...input} inputMode="numeric" placeholder={pollPlaceholder} {...register('pollSeconds')} data-testid={`${idPrefix}-poll`} />}
      </Field>
      <Field className="field narrow" label="Monthly read budget" error={errors.budget?.message}>
        {(input) => <input {...input} inputMode="numeric" placeholder="no limit" {...register('budget')} data-testid={`${idPrefix}-budget`} />}
      </Field>
    </div>
  );
}
