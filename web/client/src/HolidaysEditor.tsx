import { useId, useState } from 'react';
import styles from './HolidaysEditor.module.css';
import { addHoliday } from './sla-form.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });

function describe(date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? date : dateFormat.format(at);
}

interface Props {
  holidays: string[];
  onChange(holidays: string[]): void;
}

/** Days on which the clock stops, in the policy's own time zone. */
export function HolidaysEditor({ holidays, onChange }: Props) {
  const [date, setDate] = useState('');
  const id = useId();
  return (
    <div className={styles.holidays} data-testid="holidays">
      {holidays.length === 0 ? (
        <p className="muted small">No holidays.</p>
      ) : (
        <ul>
          {holidays.map((h) => (
            <li key={h} data-testid="holiday" data-date={h}>
              <time dateTime={h}>{describe(h)}</time>
              <button
                type="button"
                className="button link small"
                onClick={() => onChange(holidays.filter((x) => x !== h))}
                aria-label={`Remove holiday ${describe(h)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.inlineAdd}>
        <label htmlFor={id}>Add a holiday</label>
        <input id={id} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="holiday-date" />
        <button
          type="button"
          className="button small"
          disabled={date === ''}
          onClick={() => {
            onChange(addHoliday(holidays, date));
            setDate('');
          }}
          data-testid="holiday-add"
        >
          Add
        </button>
      </div>
    </div>
  );
}
