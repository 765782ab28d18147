/** ISO weekdays as business hours key them: "1" = Monday … "7" = Sunday. */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday's name, for labels and messages. */
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  '1': 'Monday',
  '2': 'Tuesday',
  '3': 'Wednesday',
  '4': 'Thursday',
  '5': 'Friday',
  '6': 'Saturday',
  '7': 'Sunday',
};
