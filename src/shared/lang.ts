/** The two languages of Kluis: every page, mail and letter is written in Dutch and in English. */
export type Lang = 'nl' | 'en';
