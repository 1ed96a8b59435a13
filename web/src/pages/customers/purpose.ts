/** A purpose of the policy in words when the messages know it, else its id. */
export function purposeLabel(t: (key: string) => string, purpose: string | null, everything: string): string {
  if (purpose === null) return everything;
  const key = `records.purpose.${purpose}`;
  const text = t(key);
  return text === key ? purpose : text;
}
