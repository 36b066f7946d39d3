/**
 * The usual webinar schedule as plain choices: a week of the month and a weekday. Each pair is
 * one RRULE (`FREQ=MONTHLY;BYDAY=2TH`), so the rest of the bot keeps working from rules.
 */

export const WEEKS_OF_MONTH = [
  { value: '1', name: 'first' },
  { value: '2', name: 'second' },
  { value: '3', name: 'third' },
  { value: '4', name: 'fourth' },
  { value: '-1', name: 'last' },
] as const;

export const WEEKDAYS = [
  { value: 'MO', name: 'Monday' },
  { value: 'TU', name: 'Tuesday' },
  { value: 'WE', name: 'Wednesday' },
  { value: 'TH', name: 'Thursday' },
  { value: 'FR', name: 'Friday' },
  { value: 'SA', name: 'Saturday' },
  { value: 'SU', name: 'Sunday' },
] as const;

export type WeekOfMonth = (typeof WEEKS_OF_MONTH)[number]['value'];
export type Weekday = (typeof WEEKDAYS)[number]['value'];

/** "The second Thursday of every month". */
export interface MonthlyChoice {
  week: WeekOfMonth;
  weekday: Weekday;
}

export const weekOfMonth = (value: string): WeekOfMonth | undefined =>
  WEEKS_OF_MONTH.find((week) => week.value === value)?.value;
export const weekday = (value: string): Weekday | undefined => WEEKDAYS.find((day) => day.value === value)?.value;

export const weekName = (week: WeekOfMonth): string => WEEKS_OF_MONTH.find((entry) => entry.value === week)?.name ?? '';
export const weekdayName = (day: Weekday): string => WEEKDAYS.find((entry) => entry.value === day)?.name ?? '';

export function ruleOfChoice({ week, weekday: day }: MonthlyChoice): string {
  return `FREQ=MONTHLY;BYDAY=${week}${day}`;
}

/** "the second Thursday of every month" */
export function describeChoice({ week, weekday: day }: MonthlyChoice): string {
  return `the ${weekName(week)} ${weekdayName(day)} of every month`;
}

const NUMBERED_DAY = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * The choice a saved rule amounts to, when the choices can say it: `BYDAY=2TH`, and the
 * equivalent `BYDAY=TH;BYSETPOS=2` that older settings used. Anything more (an interval, a count,
 * a fifth week) is left to the Advanced field.
 */
export function choiceOfRule(rule: string): MonthlyChoice | undefined {
  const parts = new Map<string, string>();
  for (const part of rule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .split(';')) {
    const [name = '', value = '', ...rest] = part.split('=');
    if (rest.length > 0 || parts.has(name)) return undefined;
    parts.set(name, value);
  }
  // WKST does not move a monthly weekday; INTERVAL=1 is the default written out.
  if (parts.get('INTERVAL') === '1') parts.delete('INTERVAL');
  parts.delete('WKST');
  if (parts.get('FREQ') !== 'MONTHLY') return undefined;
  const known = new Set(['FREQ', 'BYDAY', 'BYSETPOS']);
  if ([...parts.keys()].some((name) => !known.has(name))) return undefined;
  const [, number, day = ''] = NUMBERED_DAY.exec(parts.get('BYDAY') ?? '') ?? [];
  const position = parts.get('BYSETPOS');
  if (number !== undefined && position !== undefined) return undefined;
  const week = weekOfMonth(String(Number(number ?? position)));
  const chosenDay = weekday(day);
  return week && chosenDay ? { week, weekday: chosenDay } : undefined;
}

const WORDS =
  /^(?:on\s+)?(?:the\s+)?(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(mon|tues|wednes|thurs|fri|satur|sun)days?(?:\s+(?:of|in)\s+(?:every|each|the)\s+month)?\.?$/i;
const WEEK_WORDS: Record<string, WeekOfMonth> = {
  first: '1',
  '1st': '1',
  second: '2',
  '2nd': '2',
  third: '3',
  '3rd': '3',
  fourth: '4',
  '4th': '4',
  last: '-1',
};

/**
 * "second Thursday of every month" typed where a rule was asked for: the lead meant the plain
 * choice, so take it rather than refuse it. "every second Thursday" is not taken: in British
 * English it can mean every other week.
 */
export function choiceOfWords(text: string): MonthlyChoice | undefined {
  const [, week = '', day = ''] = WORDS.exec(text.trim().replace(/\s+/g, ' ')) ?? [];
  const chosenWeek = WEEK_WORDS[week.toLowerCase()];
  const chosenDay = WEEKDAYS.find((entry) => entry.name.toLowerCase() === `${day.toLowerCase()}day`)?.value;
  return chosenWeek && chosenDay ? { week: chosenWeek, weekday: chosenDay } : undefined;
}
