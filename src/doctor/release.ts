/**
 * When this release of Kluis was made: the self-check counts its age from it (BEVEILIGING, "programma's
 * worden regelmatig bijgewerkt"). Set it with every release, with the version in package.json.
 */
export const RELEASE_DATE = '2026-12-02';

/**
 * The end of life of each Node.js major line Kluis runs on (nodejs.org/en/about/previous-releases): after it,
 * no security fixes are published for that line. Add a line here before Kluis supports it.
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};
