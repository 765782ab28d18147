import { useId, useMemo, useState, type FormEvent } from 'react';
import type { SlaPolicyDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { placeServerErrors } from './form-errors.ts';
import { BusinessHoursEditor } from './BusinessHoursEditor.tsx';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { formatNumber } from './format.ts';
import { PRIORITIES, formToBody, policyToForm, type SlaForm } from './sla-form.ts';
import { browserTimeZone, timeZoneSuggestions } from './time-zones.ts';

const PRIORITY_HINTS = { P1: 'most urgent', P2: 'urgent', P3: 'normal', P4: 'low' } as const;

interface Props {
  policy: SlaPolicyDto;
  onSaved(policy: SlaPolicyDto): void;
}

export function SlaPolicyForm({ policy, onSaved }: Props) {
  const [form, setForm] = useState<SlaForm>(() => policyToForm(policy));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The server's problems by field path (`targetsMinutes.P2`), shown by their fields. */
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const zones = useMemo(timeZoneSuggestions, []);
  const ids = { zone: useId(), zones: useId(), hours: useId(), lead: useId(), leadHint: useId() };
  const here = browserTimeZone();

  const update = (change: Partial<SlaForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = formToBody(form);
    if (!body.ok) return setError(body.message);
    setSaving(true);
    setError(null);
    setFieldErrors({});
    setSaved(null);
    try {
      const result = await api<{ policy: SlaPolicyDto; recomputed: number }>(
        'PUT',
        `/api/brands/${encodeURIComponent(policy.brandId)}/sla-policy`,
        { body: body.value },
      );
      // Show the policy as the server stored it (zone spelling fixed, holidays sorted).
      setForm(policyToForm(result.policy));
      setSaved(
        `Saved; ${formatNumber(result.recomputed)} open mention${result.recomputed === 1 ? '' : 's'} got new deadlines.`,
      );
      onSaved(result.policy);
    } catch (e) {
      const shown: Record<string, string> = {};
      const left = placeServerErrors(e, (path, message) => {
        if (!(path === 'timeZone' || path === 'alertLeadMinutes' || /^targetsMinutes\.P[1-4]$/.test(path))) return false;
        shown[path] = shown[path] === undefined ? message : `${shown[path]} ${message}`;
        return true;
      });
      setFieldErrors(shown);
      setError(left);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form sla-form" onSubmit={(e) => void submit(e)} data-testid="sla-form">
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.zone}>Time zone</label>
          <input
            id={ids.zone}
            list={ids.zones}
            value={form.timeZone}
            onChange={(e) => update({ timeZone: e.target.value })}
            spellCheck={false}
            required
            aria-invalid={fieldErrors.timeZone !== undefined ? true : undefined}
            aria-describedby={fieldErrors.timeZone !== undefined ? `${ids.zone}-error` : undefined}
            data-testid="sla-time-zone"
          />
          {fieldErrors.timeZone !== undefined && (
            <span id={`${ids.zone}-error`} className="field-error" role="alert" data-testid="sla-time-zone-error">
              {fieldErrors.timeZone}
            </span>
          )}
          <datalist id={ids.zones}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {form.timeZone !== here && (
            <button type="button" className="button link small" onClick={() => update({ timeZone: here })}>
              Use this browser&apos;s zone ({here})
            </button>
          )}
        </div>
      </div>

      <fieldset className="targets">
        <legend>First-response targets (minutes)</legend>
        {PRIORITIES.map((p) => (
          <label key={p} className="target">
            <span>
              <span className={`badge priority-${p.slice(1)}`}>{p}</span>{' '}
              <span className="muted small">{PRIORITY_HINTS[p]}</span>
            </span>
            <input
              inputMode="numeric"
              value={form.targets[p]}
              onChange={(e) => update({ targets: { ...form.targets, [p]: e.target.value } })}
              required
              aria-invalid={fieldErrors[`targetsMinutes.${p}`] !== undefined ? true : undefined}
              data-testid={`sla-target-${p}`}
            />
            {fieldErrors[`targetsMinutes.${p}`] !== undefined && (
              <span className="field-error" role="alert" data-testid={`sla-target-${p}-error`}>
                {fieldErrors[`targetsMinutes.${p}`]}
              </span>
            )}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.lead}>Alert lead time (minutes before a deadline)</label>
        <input
          id={ids.lead}
          inputMode="numeric"
          value={form.alertLeadMinutes}
          onChange={(e) => update({ alertLeadMinutes: e.target.value })}
          aria-describedby={fieldErrors.alertLeadMinutes !== undefined ? `${ids.lead}-error ${ids.leadHint}` : ids.leadHint}
          aria-invalid={fieldErrors.alertLeadMinutes !== undefined ? true : undefined}
          required
          data-testid="sla-alert-lead"
        />
        {fieldErrors.alertLeadMinutes !== undefined && (
          <span id={`${ids.lead}-error`} className="field-error" role="alert" data-testid="sla-alert-lead-error">
            {fieldErrors.alertLeadMinutes}
          </span>
        )}
        <span id={ids.leadHint} className="muted small">
          The SLA alert counts open mentions this close to their deadline, so someone can answer them in time. 0 counts only breaches.
        </span>
      </div>

      <fieldset className="hours-choice">
        <legend>When the clock runs</legend>
        <label className="check">
          <input type="radio" name={ids.hours} checked={form.allDay} onChange={() => update({ allDay: true })} />
          <span>Around the clock (24/7)</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name={ids.hours}
            checked={!form.allDay}
            onChange={() => update({ allDay: false })}
            data-testid="sla-business-hours"
          />
          <span>Business hours only</span>
        </label>
        {!form.allDay && <BusinessHoursEditor days={form.days} onChange={(days) => update({ days })} />}
      </fieldset>

      <fieldset>
        <legend>Holidays (the clock stops all day)</legend>
        <HolidaysEditor holidays={form.holidays} onChange={(holidays) => update({ holidays })} />
      </fieldset>

      {error !== null && (
        <p className="alert" role="alert" data-testid="sla-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {saved !== null && (
          <span className="saved" role="status" data-testid="sla-saved">
            {saved}
          </span>
        )}
        <button type="submit" className="button primary" disabled={saving} data-testid="sla-save">
          {saving ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
