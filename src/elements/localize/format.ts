/**
 * Numbers, sizes, durations, plurals, times and dates for one locale, through `Intl`. A Format is
 * made once per locale and keeps its Intl objects: building a formatter per call (as
 * `toLocaleTimeString` does) made every re-render of a long chat cost milliseconds.
 */
import { BoundedMap } from '../../core/util/bounded-map.js';

/** Plural forms by CLDR category; `#` stands for the formatted count. `other` is required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

export interface Format {
  /** The BCP 47 locale everything is formatted for. */
  readonly locale: string;
  number(value: number): string;
  /** `fraction` 0…1 as a percentage ("50%", "50 %"). */
  percent(fraction: number): string;
  /** A byte size in SI units: "11 bytes", "1.5 kB", "2.3 MB". */
  bytes(bytes: number): string;
  milliseconds(milliseconds: number): string;
  /** The form of `forms` that `count` takes in this language, with `#` replaced by the count. */
  plural(count: number, forms: PluralForms): string;
  /** Hours and minutes. */
  time(at: Date | number): string;
  /** The full date and time, for a tooltip. */
  dateTime(at: Date | number): string;
  /** "2 minutes ago", "in 3 days", "now": the largest unit that fits. */
  relativeTime(at: Date | number, now?: Date | number): string;
  /** A day as a heading: "Today", "Yesterday", else the weekday and date (with the year when it is not this one). */
  day(at: Date | number, now?: Date | number): string;
  /** "Ann, Ben and Cy": items joined as this language joins a list. */
  list(items: readonly string[]): string;
}

/** Local midnight of `at`'s day, as a day number that differs by one between consecutive days (DST-proof). */
export function localDay(at: Date | number): number {
  const date = new Date(at);
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** SI units, as CLDR names them: 1 kB is 1000 bytes (what the unit means in every locale's data). */
const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Infinity],
];

/** The locale as Intl spells it, or English when `lang` is no valid BCP 47 tag. */
export function canonicalLocale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function makeFormat(locale: string): Format {
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent' });
  // Below a kilobyte the unit reads best spelled out ("11 bytes"); above, abbreviated ("1.5 kB").
  const bytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' });
  const larger = BYTE_UNITS.map((unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }));
  const milliseconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(locale);
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  const daysOfOtherYears = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    number: (value) => numbers.format(value),
    percent: (fraction) => percents.format(fraction),
    bytes(count) {
      let value = count;
      let unit = -1;
      // 999,960 bytes would round to "1,000 kB": move up while the rounded value reaches 1000.
      while (unit < BYTE_UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
        value /= 1000;
        unit++;
      }
      return unit < 0 ? bytes.format(count) : larger[unit]!.format(value);
    },
    milliseconds: (value) => milliseconds.format(value),
    plural: (count, forms) => (forms[plurals.select(count)] ?? forms.other).replaceAll('#', numbers.format(count)),
    time: (at) => times.format(at),
    dateTime: (at) => dateTimes.format(at),
    relativeTime(at, now = Date.now()) {
      let value = (Number(at) - Number(now)) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
        value /= size;
      }
      return relative.format(Math.round(value), 'year');
    },
    day(at, now = Date.now()) {
      const ago = localDay(now) - localDay(at);
      if (ago === 0 || ago === 1) {
        // "today", "gestern": a heading starts with a capital in every language that has them.
        const word = relative.format(-ago, 'day');
        return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
      }
      return (new Date(at).getFullYear() === new Date(now).getFullYear() ? days : daysOfOtherYears).format(at);
    },
    list: (items) => lists.format(items),
  };
}

/** Pages use a handful of languages; the bound only keeps a page that makes up tags from growing this. */
const formats = new BoundedMap<string, Format>(16);

/** The Format for `lang` (any BCP 47 tag; an invalid one formats as English). */
export function formatFor(lang: string): Format {
  const locale = canonicalLocale(lang);
  let format = formats.get(locale);
  if (!format) {
    format = makeFormat(locale);
    formats.set(locale, format);
  }
  return format;
}
