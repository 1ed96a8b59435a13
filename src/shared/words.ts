import type { Lang } from './lang.ts';

/** The language of a letter to a person: English when they chose it, Dutch otherwise. */
export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'nl');

/** Joins words as a sentence does: "a, b en c" / "a, b and c". */
export function joinWords(words: string[], lang: Lang): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${words.at(-1) ?? ''}`;
}
