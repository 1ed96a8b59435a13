type Lang = 'nl' | 'en';

/** Joins words as a sentence does: "a, b en c" / "a, b and c". */
export function joinWords(words: string[], lang: Lang): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${words.at(-1) ?? ''}`;
}
