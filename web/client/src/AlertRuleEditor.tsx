import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { METRIC_LABELS, SENSITIVITIES, SENSITIVITY_PRESETS, SPIKE_METRICS, type SensitivityDto } from '../../src/api/alert-rule-presets.ts';
import type { AlertRuleBody, AlertRuleDto } from '../../src/api/alerts-contract.ts';
import { hourOfWeekLabel } from './alert-details.ts';
import { alertRuleFieldOf, alertRuleResolver, alertRulesPath, formToRuleBody, isAdvancedField, ruleToForm, type AlertRuleForm } from './alert-rule-form.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, withItem } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { cx } from './class-names.ts';
import styles from './AlertRuleEditor.module.css';

const SENSITIVITY_WORDS: Record<SensitivityDto, string> = {
  low: 'Fewer alerts',
  balanced: 'Balanced',
  high: 'More alerts',
};

interface Props {
  brandId: string;
  /** null: a new rule. */
  rule: AlertRuleDto | null;
  onSaved(rule: AlertRuleDto): void;
  onCancel(): void;
}

/** Creates or edits a spike rule: what to watch, the window, a preset, and the raw knobs under "Advanced". */
export function AlertRuleEditor({ brandId, rule, onSaved, onCancel }: Props) {
  const form = useForm<AlertRuleForm>({ resolver: alertRuleResolver, defaultValues: ruleToForm(rule) });
  const { register, watch, setValue, formState } = form;
  const errors = formState.errors;
  const save = useFormMutation(form, alertRuleFieldOf, {
    request: (body: AlertRuleBody) =>
      rule === null
        ? { method: 'POST', path: alertRulesPath(brandId), body }
        : { method: 'PATCH', path: `/api/alert-rules/${encodeURIComponent(rule.id)}`, body },
    put: ({ rule: saved }: { rule: AlertRuleDto }) => [
      cachePut<{ rules: AlertRuleDto[] }>(alertRulesPath(brandId), (old) => ({ rules: withItem(old?.rules, saved.id, saved) })),
    ],
    onSuccess: ({ rule: saved }) => onSaved(saved),
  });
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // A problem with a knob under "Advanced" opens it: a message nobody can see helps nobody.
  const advancedError = Object.keys(errors.rule ?? {}).some((k) => isAdvancedField(`rule.${k}`));
  const sensitivity = watch('rule.sensitivity');
  const [minCount, percentAbove, deviations] = watch(['rule.minCount', 'rule.percentAbove', 'rule.deviations']);
  const preset = SENSITIVITY_PRESETS[sensitivity];
  const submit = form.handleSubmit((values) => save.send(formToRuleBody(values)));

  const marked = Object.entries(rule?.falseAlarmHours ?? {});
  return (
    <form className={cx('card', styles.ruleEditor)} onSubmit={(e) => void submit(e)} data-testid="rule-editor" noValidate>
      <h3>{rule === null ? 'New alert rule' : `Edit “${rule.name}”`}</h3>
      <div className={styles.ruleGrid}>
        <Field label="Name" error={errors.name?.message} errorTestId="rule-name-error">
          {(input) => <input {...input} maxLength={100} {...register('name')} data-testid="rule-name" />}
        </Field>
        <Field label="Watch" error={errors.rule?.metric?.message}>
          {(input) => (
            <select {...input} {...register('rule.metric')} data-testid="rule-metric">
              {SPIKE_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Window (minutes, 5–1440)" error={errors.rule?.windowMinutes?.message} errorTestId="rule-window-error">
          {(input) => <input {...input} type="number" inputMode="numeric" min={5} max={1440} {...register('rule.windowMinutes')} data-testid="rule-window" />}
        </Field>
        <Field label="Cooldown (minutes, 15–1440)" error={errors.rule?.cooldownMinutes?.message} errorTestId="rule-cooldown-error">
          {(input) => <input {...input} type="number" inputMode="numeric" min={15} max={1440} {...register('rule.cooldownMinutes')} data-testid="rule-cooldown" />}
        </Field>
      </div>
      <fieldset className={styles.presets}>
        <legend>Sensitivity</legend>
        <div className={styles.presetButtons} role="group" aria-label="Sensitivity">
          {SENSITIVITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`button${sensitivity === s ? ' primary' : ''}`}
              aria-pressed={sensitivity === s}
              onClick={() => setValue('rule.sensitivity', s, { shouldDirty: true })}
              data-testid={`preset-${s}`}
            >
              {SENSITIVITY_WORDS[s]}
            </button>
          ))}
        </div>
        <p className="muted small">
          Alerts when at least {minCount || preset.minCount} mentions in the window are {Number(percentAbove || preset.percentAbove)}% above normal and
          that is unlikely by chance ({deviations || preset.deviations} σ).
        </p>
      </fieldset>
      <details className={styles.advanced} open={advancedOpen || advancedError} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary data-testid="rule-advanced">Advanced: raw knobs (empty = from the preset)</summary>
        <div className={styles.ruleGrid}>
          <Field label="Minimum count" error={errors.rule?.minCount?.message} errorTestId="rule-min-count-error">
            {(input) => <input {...input} type="number" inputMode="numeric" min={1} placeholder={String(preset.minCount)} {...register('rule.minCount')} data-testid="rule-min-count" />}
          </Field>
          <Field label="% above normal" error={errors.rule?.percentAbove?.message} errorTestId="rule-percent-above-error">
            {(input) => <input {...input} type="number" inputMode="decimal" min={0} placeholder={String(preset.percentAbove)} {...register('rule.percentAbove')} data-testid="rule-percent-above" />}
          </Field>
          <Field label="Deviations (σ, 2–8)" error={errors.rule?.deviations?.message} errorTestId="rule-deviations-error">
            {(input) => (
              <input {...input} type="number" inputMode="decimal" min={2} max={8} step={0.25} placeholder={String(preset.deviations)} {...register('rule.deviations')} data-testid="rule-deviations" />
            )}
          </Field>
          <Field label="Close after quiet (minutes)" error={errors.rule?.closeAfterMinutes?.message} errorTestId="rule-close-after-error">
            {(input) => <input {...input} type="number" inputMode="numeric" min={5} max={1440} {...register('rule.closeAfterMinutes')} data-testid="rule-close-after" />}
          </Field>
        </div>
      </details>
      <label className={styles.checkbox}>
        <input type="checkbox" {...register('enabled')} data-testid="rule-enabled" /> Enabled
      </label>
      {marked.length > 0 && (
        <p className="muted small" data-testid="rule-false-alarm-hours">
          Stricter after false alarms in: {marked.map(([h, m]) => `${hourOfWeekLabel(Number(h))} (${m.n}×)`).join(', ')}
        </p>
      )}
      <FormFailure messages={[errors.root?.message, save.failure]} testId="rule-error" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.pending} data-testid="rule-save">
          {save.pending ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
