import type { ProcessingActivities, RegisterLanguage } from './processing-activities.schema.ts';
import { csvField } from '../shared/csv.ts';
import { FIELD_LABELS, type Field, activityLines } from './processing-activities.words.ts';

/**
 * The Art. 30 register as CSV (RFC 4180): one row per purpose, one column per Art. 30(1) field, lists within
 * a cell separated by " | ". UTF-8, CRLF line ends, a field quoted when it holds a comma, quote or line end.
 */
export function processingActivitiesCsv(register: ProcessingActivities, lang: RegisterLanguage): string {
  const fields = Object.keys(FIELD_LABELS) as Field[];
  const rows = [
    fields.map((f) => FIELD_LABELS[f][lang]),
    ...register.activities.map((a) => {
      const lines = activityLines(register, a, lang);
      return fields.map((f) => lines[f].join(' | '));
    }),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
