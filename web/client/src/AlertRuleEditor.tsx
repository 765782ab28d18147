import { useState, type FormEvent } from 'react';
import {
  METRIC_LABELS,
  SENSITIVITIES,
  SENSITIVITY_PRESETS,
  SPIKE_METRICS,
  type SensitivityDto,
  type SpikeMetricDto,
} from '../../src/api/alert-rule-presets.ts';
import type { AlertRuleBody, AlertRuleDto, AlertRuleKnobs } from '../../src/api/alerts-contract.ts';
import { api, errorMessage } from './api.ts';
import { hourOfWeekLabel } from './alert-details.ts';

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

/** A raw knob's field: empty means "from the preset". */
function knob(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/** Creates or edits a spike rule: what to watch, the window, a preset, and the raw knobs under "Advanced". */
export function AlertRuleEditor({ brandId, rule, onSaved, onCancel }: Props) {
  const r: AlertRuleKnobs = rule?.rule ?? {};
  const [name, setName] = useState(rule?.name ?? 'Negative mentions spike');
  const [metric, setMetric] = useState<SpikeMetricDto>(r.metric ?? 'negative');
  const [windowMinutes, setWindowMinutes] = useState(String(r.windowMinutes ?? 60));
  const [sensitivity, setSensitivity] = useState<SensitivityDto>(r.sensitivity ?? 'balanced');
  const [minCount, setMinCount] = useState(r.minCount === undefined ? '' : String(r.minCount));
  const [percentAbove, setPercentAbove] = useState(r.percentAbove === undefined ? '' : String(r.percentAbove));
  const [deviations, setDeviations] = useState(r.deviations === undefined ? '' : String(r.deviations));
  const [cooldownMinutes, setCooldownMinutes] = useState(String(r.cooldownMinutes ?? 60));
  const [closeAfterMinutes, setCloseAfterMinutes] = useState(String(r.closeAfterMinutes ?? 30));
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preset = SENSITIVITY_PRESETS[sensitivity];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const knobs: AlertRuleKnobs = {
      metric,
      windowMinutes: Number(windowMinutes),
      sensitivity,
      cooldownMinutes: Number(cooldownMinutes),
      closeAfterMinutes: Number(closeAfterMinutes),
    };
    const m = knob(minCount);
    const p = knob(percentAbove);
    const d = knob(deviations);
    if (m !== undefined) knobs.minCount = m;
    if (p !== undefined) knobs.percentAbove = p;
    if (d !== undefined) knobs.deviations = d;
    const body: AlertRuleBody = { name, rule: knobs, enabled };
    try {
      const saved =
        rule === null
          ? await api<{ rule: AlertRuleDto }>('POST', `/api/brands/${brandId}/alert-rules`, { body })
          : await api<{ rule: AlertRuleDto }>('PATCH', `/api/alert-rules/${rule.id}`, { body });
      onSaved(saved.rule);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const marked = Object.entries(rule?.falseAlarmHours ?? {});
  return (
    <form className="card rule-editor" onSubmit={(e) => void submit(e)} data-testid="rule-editor" noValidate>
      <h3>{rule === null ? 'New alert rule' : `Edit “${rule.name}”`}</h3>
      <div className="rule-grid">
        <label>
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="rule-name" maxLength={100} />
        </label>
        <label>
          <span>Watch</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as SpikeMetricDto)} data-testid="rule-metric">
            {SPIKE_METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Window (minutes, 5–1440)</span>
          <input type="number" inputMode="numeric" min={5} max={1440} value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)} data-testid="rule-window" />
        </label>
        <label>
          <span>Cooldown (minutes, 15–1440)</span>
          <input type="number" inputMode="numeric" min={15} max={1440} value={cooldownMinutes} onChange={(e) => setCooldownMinutes(e.target.value)} data-testid="rule-cooldown" />
        </label>
      </div>
      <fieldset className="presets">
        <legend>Sensitivity</legend>
        <div className="preset-buttons" role="group" aria-label="Sensitivity">
          {SENSITIVITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`button${sensitivity === s ? ' primary' : ''}`}
              aria-pressed={sensitivity === s}
              onClick={() => setSensitivity(s)}
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
      <details className="advanced">
        <summary data-testid="rule-advanced">Advanced: raw knobs (empty = from the preset)</summary>
        <div className="rule-grid">
          <label>
            <span>Minimum count</span>
            <input type="number" inputMode="numeric" min={1} placeholder={String(preset.minCount)} value={minCount} onChange={(e) => setMinCount(e.target.value)} data-testid="rule-min-count" />
          </label>
          <label>
            <span>% above normal</span>
            <input type="number" inputMode="decimal" min={0} placeholder={String(preset.percentAbove)} value={percentAbove} onChange={(e) => setPercentAbove(e.target.value)} data-testid="rule-percent-above" />
          </label>
          <label>
            <span>Deviations (σ, 2–8)</span>
            <input type="number" inputMode="decimal" min={2} max={8} step={0.25} placeholder={String(preset.deviations)} value={deviations} onChange={(e) => setDeviations(e.target.value)} data-testid="rule-deviations" />
          </label>
          <label>
            <span>Close after quiet (minutes)</span>
            <input type="number" inputMode="numeric" min={5} max={1440} value={closeAfterMinutes} onChange={(e) => setCloseAfterMinutes(e.target.value)} data-testid="rule-close-after" />
          </label>
        </div>
      </details>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="rule-enabled" /> Enabled
      </label>
      {marked.length > 0 && (
        <p className="muted small" data-testid="rule-false-alarm-hours">
          Stricter after false alarms in: {marked.map(([h, m]) => `${hourOfWeekLabel(Number(h))} (${m.n}×)`).join(', ')}
        </p>
      )}
      {error !== null && (
        <p className="alert" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="rule-save">
          {saving ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
