import type { I18n } from './i18n.tsx';

/** A role in words; a role of another policy that the words do not know, as that policy calls it. */
export const roleLabel = (t: I18n['t'], role: string): string =>
  t(`users.role.${role}`) === `users.role.${role}` ? role : t(`users.role.${role}`);
