import { DateTime } from 'luxon';
import type { QuietHours } from '@earshot/db';

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * When the quiet hours that `now` falls in end, or undefined when `now` is outside them.
 * Windows may cross midnight (22:00–07:00). Local times come from the channel's time zone, so
 * the window follows daylight saving time.
 */
export function quietHoursEnd(quiet: QuietHours, now: Date): Date | undefined {
  const local = DateTime.fromJSDate(now, { zone: quiet.timeZone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return undefined;
  let until = local.set({
    hour: Math.floor(end / 60),
    minute: end % 60,
    second: 0,
    millisecond: 0,
  });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}
