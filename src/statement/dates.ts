import { calendarDay } from '../shared/business-day.ts';
import type { Lang } from './statement-document.ts';
import { TEXTS } from './render-context.ts';

/** '2026-11-25' as the language writes it: "25 november 2026", "25 November 2026". */
export function longDate(date: string, lang: Lang): string {
  const [y, m, d] = calendarDay(date).split('-').map(Number) as [number, number, number];
  return `${d} ${TEXTS[lang].months[m - 1] ?? String(m)} ${y}`;
}
