import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { SlaPolicyDto } from '../../src/api/contract.ts';
import { BusinessHoursEditor } from './BusinessHoursEditor.tsx';
import { cx } from './class-names.ts';
import { Field, FieldError, FormFailure } from './FormField.tsx';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { formatNumber } from './format.ts';
import styles from './SlaPolicyForm.module.css';
import { cachePut } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { PRIORITIES, formToBody, policyToForm, slaFieldOf, slaPolicyPath, slaResolver, type SlaForm } from './sla-form.ts';
import { browserTimeZone, timeZoneSuggestions } from './time-zones.ts';

const PRIORITY_HINTS = { P1: 'most urgent', P2: 'urgent', P3: 'normal', P4: 'low' } as const;

type Answer = { policy: SlaPolicyDto; recomputed: number };

export function SlaPolicyForm({ policy }: { policy: SlaPolicyDto }) {
  const form = useForm<SlaForm>({ resolver: slaResolver, defaultValues: policyToForm(policy) });
  const { register, formState, setValue, watch } = form;
  const errors = formState.errors;
  const [saved, setSaved] = useState<string | null>(null);
  const path = slaPolicyPath(policy.brandId);
  const save = useFormMutation(form, slaFieldOf, {
    request: (body: ReturnType<typeof formToBody>) => ({ method: 'PUT', path, body }),
    // The policy as the server stored it (zone spelling fixed, holidays sorted) is what the section reads.
    put: (answer: Answer) => [cachePut<{ policy: SlaPolicyDto }>(path, () => ({ policy: answer.policy }))],
    onSuccess: (answer) => {
      form.reset(policyToForm(answer.policy));
      setSaved(`Saved; ${formatNumber(answer.recomputed)} open mention${answer.recomputed === 1 ? '' : 's'} got new deadlines.`);
    },
  });
  const zones = useMemo(timeZoneSuggestions, []);
  const ids = { zones: useId(), hours: useId() };
  const here = browserTimeZone();
  const timeZone = watch('timeZone');
  const allDay = watch('allDay');
  const holidays = watch('holidays');

  const submit = form.handleSubmit((values) => {
    setSaved(null);
    save.send(formToBody(values));
  });

  return (
    <form className={cx('form', styles.slaForm)} onSubmit={(e) => void submit(e)} onChange={() => setSaved(null)} noValidate data-testid="sla-form">
      <div className="field-row">
        <Field label="Time zone" error={errors.timeZone?.message} errorTestId="sla-time-zone-error">
          {(input) => (
            <>
              <input {...input} list={ids.zones} spellCheck={false} {...register('timeZone')} data-testid="sla-time-zone" />
              <datalist id={ids.zones}>
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
              {timeZone !== here && (
                <button type="button" className="button link small" onClick={() => setValue('timeZone', here, { shouldDirty: true })}>
                  Use this browser&apos;s zone ({here})
                </button>
              )}
            </>
          )}
        </Field>
      </div>

      <fieldset className={styles.targets}>
        <legend>First-response targets (minutes)</legend>
        {PRIORITIES.map((p) => (
          <Field
            key={p}
            className={styles.target}
            label={
              <>
                <span className={`badge priority-${p.slice(1)}`}>{p}</span> <span className="muted small">{PRIORITY_HINTS[p]}</span>
              </>
            }
            error={errors.targetsMinutes?.[p]?.message}
            errorTestId={`sla-target-${p}-error`}
          >
            {(input) => <input {...input} inputMode="numeric" {...register(`targetsMinutes.${p}`)} data-testid={`sla-target-${p}`} />}
          </Field>
        ))}
      </fieldset>

      <Field
        label="Alert lead time (minutes before a deadline)"
        error={errors.alertLeadMinutes?.message}
        errorTestId="sla-alert-lead-error"
        hint="The SLA alert counts open mentions this close to their deadline, so someone can answer them in time. 0 counts only breaches."
      >
        {(input) => <input {...input} inputMode="numeric" {...register('alertLeadMinutes')} data-testid="sla-alert-lead" />}
      </Field>

      <fieldset className={styles.hoursChoice}>
        <legend>When the clock runs</legend>
        <label className="check">
          <input type="radio" name={ids.hours} checked={allDay} onChange={() => setValue('allDay', true, { shouldDirty: true })} />
          <span>Around the clock (24/7)</span>
        </label>
        <label className="check">
          <input type="radio" name={ids.hours} checked={!allDay} onChange={() => setValue('allDay', false, { shouldDirty: true })} data-testid="sla-business-hours" />
          <span>Business hours only</span>
        </label>
        {!allDay && <BusinessHoursEditor form={form} />}
        <FieldError message={errors.allDay?.message} testId="sla-hours-error" />
      </fieldset>

      <fieldset>
        <legend>Holidays (the clock stops all day)</legend>
        <HolidaysEditor holidays={holidays} onChange={(next) => setValue('holidays', next, { shouldDirty: true })} />
        <FieldError message={errors.holidays?.message} testId="sla-holidays-error" />
      </fieldset>

      <FormFailure messages={[errors.root?.message, save.failure]} testId="sla-error" />
      <div className="form-actions">
        {saved !== null && (
          <span className="saved" role="status" data-testid="sla-saved">
            {saved}
          </span>
        )}
        <button type="submit" className="button primary" disabled={save.pending} data-testid="sla-save">
          {save.pending ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
