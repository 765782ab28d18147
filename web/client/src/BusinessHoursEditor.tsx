import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from '@earshot/policy/weekdays';
import type { DayForm } from './sla-form.ts';

interface Props {
  days: Record<Weekday, DayForm>;
  onChange(days: Record<Weekday, DayForm>): void;
}

/** Opening hours per weekday; times as "HH:MM" text, since a day may close at 24:00. */
export function BusinessHoursEditor({ days, onChange }: Props) {
  const set = (d: Weekday, day: Partial<DayForm>) => onChange({ ...days, [d]: { ...days[d], ...day } });
  return (
    <table className="hours" data-testid="business-hours">
      <caption className="visually-hidden">Business hours per weekday</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Open</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
        </tr>
      </thead>
      <tbody>
        {WEEKDAYS.map((d) => {
          const day = days[d];
          return (
            <tr key={d} className={day.open ? undefined : 'closed'} data-weekday={d}>
              <th scope="row">{WEEKDAY_NAMES[d]}</th>
              <td>
                <label className="check">
                  <input type="checkbox" checked={day.open} onChange={(e) => set(d, { open: e.target.checked })} />
                  <span>{day.open ? 'Open' : 'Closed'}</span>
                </label>
              </td>
              <td>
                <input
                  className="time"
                  value={day.from}
                  onChange={(e) => set(d, { from: e.target.value })}
                  disabled={!day.open}
                  placeholder="09:00"
                  pattern="\d\d:\d\d"
                  aria-label={`${WEEKDAY_NAMES[d]} opens at (HH:MM)`}
                />
              </td>
              <td>
                <input
                  className="time"
                  value={day.to}
                  onChange={(e) => set(d, { to: e.target.value })}
                  disabled={!day.open}
                  placeholder="17:00"
                  pattern="\d\d:\d\d"
                  aria-label={`${WEEKDAY_NAMES[d]} closes at (HH:MM, 24:00 for midnight)`}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
