import { WEEKDAY_NAMES, WEEKDAYS } from '@earshot/policy/weekdays';
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import styles from './BusinessHoursEditor.module.css';
import { FieldError } from './FormField.tsx';
import type { SlaForm } from './sla-form.ts';

/** Opening hours per weekday; times as "HH:MM" text, since a day may close at 24:00. */
export function BusinessHoursEditor({ form }: { form: UseFormReturn<SlaForm> }) {
  const { register, watch, formState } = form;
  const days = watch('days');
  const base = useId();
  return (
    <table className={styles.hours} data-testid="business-hours">
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
          const open = days[d].open;
          const errors = formState.errors.days?.[d];
          const time = (part: 'from' | 'to', label: string, placeholder: string) => {
            const error = errors?.[part]?.message;
            const errorId = `${base}-${d}-${part}-error`;
            return (
              <td>
                <input
                  className={styles.time}
                  {...register(`days.${d}.${part}`)}
                  disabled={!open}
                  placeholder={placeholder}
                  aria-label={`${WEEKDAY_NAMES[d]} ${label}`}
                  aria-invalid={error !== undefined ? true : undefined}
                  aria-describedby={error !== undefined ? errorId : undefined}
                />
                <FieldError id={errorId} message={error} />
              </td>
            );
          };
          return (
            <tr key={d} className={open ? undefined : styles.closed} data-weekday={d}>
              <th scope="row">{WEEKDAY_NAMES[d]}</th>
              <td>
                <label className="check">
                  <input type="checkbox" {...register(`days.${d}.open`)} />
                  <span>{open ? 'Open' : 'Closed'}</span>
                </label>
              </td>
              {time('from', 'opens at (HH:MM)', '09:00')}
              {time('to', 'closes at (HH:MM, 24:00 for midnight)', '17:00')}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
