import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Language, MESSAGES } from './messages.ts';

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** The text of a key in the current language, with {name} placeholders filled in. */
  t: (key: string, values?: Record<string, string | number>) => string;
  /** A date or time as people of the language write it. */
  date: (iso: string | null | undefined, withTime?: boolean) => string;
}

const Context = createContext<I18n | null>(null);
const STORAGE_KEY = 'kluis.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'nl' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLanguageState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[language];
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    return {
      language,
      setLanguage,
      t: (key, values) => {
        const text = messages[key] ?? key;
        return values === undefined
          ? text
          : text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
      },
      date: (iso, withTime = false) => {
        if (iso === null || iso === undefined || iso === '') return '–';
        const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
        if (Number.isNaN(d.getTime())) return iso;
        return withTime
          ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
          : d.toLocaleDateString(locale, { dateStyle: 'medium', ...(iso.length === 10 ? { timeZone: 'UTC' } : {}) });
      },
    };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
