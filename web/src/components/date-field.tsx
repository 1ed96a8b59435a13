import { DateInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/nl';
import 'dayjs/locale/en-gb';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface FieldProps {
  label: string;
  error?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  description?: string | undefined;
  w?: number | string | undefined;
}

/**
 * A date as Dutch people write it, dd-mm-jjjj, whatever the browser's language (issue 19, part 7): typed, or picked
 * from a calendar in the page's language. The value is the API's `YYYY-MM-DD` ('' when empty). Only the pages that
 * ask for a date load the picker (they load on demand), so the first load stays within its budget.
 */
export function DateField({
  value: given,
  onChange: change,
  ...props
}: FieldProps & { value: string; onChange: (value: string) => void }) {
  const picker = usePickerProps();
  const [value, onChange] = useHeldValue(given, change);
  return (
    <DateInput
      {...props}
      {...picker}
      valueFormat="DD-MM-YYYY"
      placeholder={picker.placeholderDate}
      dateParser={(text) => parseDay(text)}
      value={value === '' ? null : value}
      onChange={(v) => onChange(v ?? '')}
    />
  );
}

/**
 * A moment as dd-mm-jjjj uu:mm, typed or picked; the value is a local `YYYY-MM-DDTHH:mm` as a native
 * datetime-local field gave it ('' when empty), which the forms turn into an ISO moment.
 */
export function DateTimeField({
  value: given,
  onChange: change,
  ...props
}: FieldProps & { value: string; onChange: (value: string) => void }) {
  const picker = usePickerProps();
  const [value, onChange] = useHeldValue(given, change);
  return (
    <DateInput
      {...props}
      {...picker}
      valueFormat="DD-MM-YYYY HH:mm"
      placeholder={`${picker.placeholderDate} ${picker.placeholderTime}`}
      withTime
      dateParser={(text) => parseMoment(text)}
      value={value === '' ? null : `${value.replace('T', ' ')}:00`}
      onChange={(v) => onChange(v === null ? '' : v.slice(0, 16).replace(' ', 'T'))}
    />
  );
}

/**
 * The value the field shows, held by the field as well as by its page. A page that keeps its filters in the address
 * (the processing log, the lists) receives a new value a moment later: react-router applies the navigation as a
 * transition. When the field loses focus in that moment, Mantine writes the value it has then (still the old one)
 * back into the text, and the typed date vanished from the field while the filter applied (one browser run in
 * three or so). Held here, the value changes in the same event as the typing; a change that comes from the page
 * (back, reload, a reset) still replaces it.
 */
function useHeldValue(given: string, change: (value: string) => void): [string, (value: string) => void] {
  const [held, setHeld] = useState(given);
  const [seen, setSeen] = useState(given);
  if (given !== seen) {
    setSeen(given);
    setHeld(given);
  }
  return [
    held,
    (value) => {
      setHeld(value);
      change(value);
    },
  ];
}

function usePickerProps() {
  const { t, language } = useI18n();
  return {
    locale: language === 'nl' ? 'nl' : 'en-gb',
    clearable: true,
    firstDayOfWeek: 1 as const,
    placeholderDate: t('date.placeholder'),
    placeholderTime: t('date.placeholderTime'),
    clearButtonProps: { 'aria-label': t('date.clear') },
    ariaLabels: {
      nextMonth: t('date.nextMonth'),
      previousMonth: t('date.previousMonth'),
      nextYear: t('date.nextYear'),
      previousYear: t('date.previousYear'),
      nextDecade: t('date.nextDecade'),
      previousDecade: t('date.previousDecade'),
      monthLevelControl: t('date.chooseMonth'),
      yearLevelControl: t('date.chooseYear'),
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd-mm-jjjj (also with / or . between, and d-m-jjjj) as `YYYY-MM-DD`; null when it is no day of the calendar. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(text);
  if (m === null) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** dd-mm-jjjj uu:mm as `YYYY-MM-DD HH:mm:ss`; null when either part is not valid. */
function parseMoment(text: string): string | null {
  const m = /^\s*(\S+)\s+(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (m === null) return null;
  const day = parseDay(m[1] ?? '');
  const [hours, minutes] = [Number(m[2]), Number(m[3])];
  if (day === null || hours > 23 || minutes > 59) return null;
  return `${day} ${pad(hours)}:${pad(minutes)}:00`;
}
