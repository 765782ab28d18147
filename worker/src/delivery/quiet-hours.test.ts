import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours.ts';

describe('quietHoursEnd', () => {
  const overnight = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };

  it("ends the next morning for a window crossing midnight, in the channel's time zone", () => {
    // 23:30 in Paris (UTC+1 in December) → 07:00 Paris the next day = 06:00 UTC.
    expect(quietHoursEnd(overnight, new Date('2026-12-01T22:30:00Z'))?.toISOString()).toBe(
      '2026-12-02T06:00:00.000Z',
    );
    // 03:00 Paris → 07:00 Paris the same day.
    expect(quietHoursEnd(overnight, new Date('2026-12-02T02:00:00Z'))?.toISOString()).toBe(
      '2026-12-02T06:00:00.000Z',
    );
  });

  it('is undefined outside the window, with its start inside and its end outside', () => {
    expect(quietHoursEnd(overnight, new Date('2026-12-01T12:00:00Z'))).toBeUndefined();
    expect(quietHoursEnd(overnight, new Date('2026-12-01T21:00:00Z'))?.toISOString()).toBe(
      '2026-12-02T06:00:00.000Z',
    ); // 22:00 Paris
    expect(quietHoursEnd(overnight, new Date('2026-12-02T06:00:00Z'))).toBeUndefined(); // 07:00 Paris
  });

  it('handles a same-day window and daylight saving time', () => {
    const lunch = { start: '12:00', end: '14:00', timeZone: 'America/New_York' };
    expect(quietHoursEnd(lunch, new Date('2026-07-01T16:30:00Z'))?.toISOString()).toBe(
      '2026-07-01T18:00:00.000Z',
    ); // EDT, UTC-4
    expect(quietHoursEnd(lunch, new Date('2026-12-01T17:30:00Z'))?.toISOString()).toBe(
      '2026-12-01T19:00:00.000Z',
    ); // EST, UTC-5
    expect(quietHoursEnd(lunch, new Date('2026-12-01T19:00:00Z'))).toBeUndefined();
  });
});
