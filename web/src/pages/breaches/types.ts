// The API's shape of a breach (src/breaches/breach.schema.ts).
export interface Breach {
  id: string;
  becameAwareAt: string;
  description: string;
  subjectCategories: string[];
  dataCategories: string[];
  approxSubjects: number;
  approxRecords: number;
  consequences: string;
  measures: string;
  risk: 'none' | 'risk' | 'high';
  clock: { deadline: string; hoursLeft: number | null; state: string };
  notifications: {
    id: string;
    phase: string;
    notifiedAt: string;
    reference: string;
    summary: string | null;
    lateReason: string | null;
    late: boolean;
  }[];
  exemption: {
    ground: string;
    motivation: string;
    publicNotice: { publishedOn: string; where: string; text: string } | null;
    recordedAt: string;
  } | null;
  letters: { queued: number; sent: number; failed: number };
}

/** A list typed as "a, b, c". */
export const listOf = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A datetime-local value (the browser's local time) as an ISO timestamp with offset. */
export const isoOf = (local: string) => (local === '' ? '' : new Date(local).toISOString());
