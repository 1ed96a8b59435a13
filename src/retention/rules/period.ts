import { calendarDay } from '../../shared/business-day.ts';

/** An ISO 8601 period in whole years, months and days, as the policy writes it (P2Y, P7Y, P6M, P30D). */
export interface Period {
  years: number;
  months: number;
  days: number;
}

export function parsePeriod(text: string): Period {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(text);
  if (match === null || text === 'P') throw new Error(`Not an ISO 8601 period: ${text}`);
  return { years: Number(match[1] ?? 0), months: Number(match[2] ?? 0), days: Number(match[3] ?? 0) };
}

/**
 * The calendar date a period after `date` (YYYY-MM-DD, or a timestamp whose day where the business is counts). Years and
 * months move the calendar, and a day that does not exist in the target month becomes its last day
 * (2024-02-29 + P1Y = 2025-02-28), as Regulation 1182/71 art. 3(2)(c) counts periods.
 */
export function addPeriod(moment: string, period: Period): string {
  const date = calendarDay(moment);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const totalMonths = y * 12 + (m - 1) + period.years * 12 + period.months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  // Whole years and months (every rule of the policy) need no Date: the sweep asks this for every record.
  if (period.days === 0)
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const shifted = new Date(Date.UTC(year, month - 1, day));
  shifted.setUTCDate(shifted.getUTCDate() + period.days);
  return shifted.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The period in words, for statements and explanations. */
export function describePeriod(period: Period, lang: 'nl' | 'en'): string {
  const parts: string[] = [];
  const unit = (n: number, nl: [string, string], en: [string, string]) => {
    if (n === 0) return;
    const [one, many] = lang === 'nl' ? nl : en;
    parts.push(`${NUMBER_WORDS[lang][n] ?? String(n)} ${n === 1 ? one : many}`);
  };
  unit(period.years, ['jaar', 'jaar'], ['year', 'years']);
  unit(period.months, ['maand', 'maanden'], ['month', 'months']);
  unit(period.days, ['dag', 'dagen'], ['day', 'days']);
  return parts.join(lang === 'nl' ? ' en ' : ' and ');
}

const NUMBER_WORDS: Record<'nl' | 'en', Record<number, string>> = {
  nl: {
    1: 'één',
    2: 'twee',
    3: 'drie',
    4: 'vier',
    5: 'vijf',
    6: 'zes',
    7: 'zeven',
    8: 'acht',
    9: 'negen',
    10: 'tien',
    12: 'twaalf',
    30: 'dertig',
  },
  en: {
    1: 'one',
    2: 'two',
    3: 'three',
    4: 'four',
    5: 'five',
    6: 'six',
    7: 'seven',
    8: 'eight',
    9: 'nine',
    10: 'ten',
    12: 'twelve',
    30: 'thirty',
  },
};
