import type { I18n } from '../i18n/i18n.tsx';
import type { ApiError } from './client.ts';

/** One problem of a refused value, as the API details it (schema validation or a service's own check). */
interface Problem {
  path?: string | (string | number)[];
  message?: string;
  /** The zod issue code (too_small, too_big, invalid_format, invalid_type, invalid_value, …). */
  issue?: string;
  code?: string;
  limit?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  origin?: string;
  /** false: the limit itself is refused too (more than 0, not at least 0). */
  inclusive?: boolean;
}

type T = I18n['t'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

/**
 * The field a problem concerns, as the form names it: `body.billing.city` → `billing.city`, `lines.0.quantity`
 * stays. Where the request part was the query string or the URL, there is no field.
 */
function fieldOf(p: Problem): string | null {
  const parts = typeof p.path === 'string' ? p.path.split('.') : (p.path ?? []).map(String);
  if (parts[0] === 'body') parts.shift();
  else if (parts[0] === 'querystring' || parts[0] === 'params') return null;
  return parts.length === 0 ? null : parts.join('.');
}

/** What is wrong with one value, in the page's language (never the API's English or its field path). */
function problemText(p: Problem, t: T, language: 'nl' | 'en'): string {
  const issue = p.issue ?? p.code;
  if (p.message !== undefined && /before startDate/.test(p.message)) return t('errors.field.endBeforeStart');
  if (p.message !== undefined && /not a contact person of the organisation/.test(p.message)) return t('errors.field.notAContact');
  // A service's own check says in English what is wrong; an English page shows it as it is, unless it names ids
  // or field names (camelCase) a person does not know.
  if (
    language === 'en' &&
    (issue === undefined || issue === 'custom') &&
    p.message !== undefined &&
    p.message.length > 8 &&
    !UUID.test(p.message) &&
    !/\b[a-z]+[A-Z]\w*/.test(p.message)
  )
    return p.message;
  const limit = p.limit ?? p.maximum ?? p.minimum;
  switch (issue ?? '') {
    case 'too_small':
      if (p.origin === 'string')
        return limit === 1 ? t('errors.field.required') : t('errors.field.tooShort', { limit: limit ?? '' });
      if (p.origin === 'array' || p.origin === 'set') return t('errors.field.tooFew', { limit: limit ?? '' });
      return p.inclusive === false
        ? t('errors.field.moreThan', { limit: limit ?? '' })
        : t('errors.field.tooSmall', { limit: limit ?? '' });
    case 'too_big':
      if (p.origin === 'string') return t('errors.field.tooLong', { limit: limit ?? '' });
      if (p.origin === 'array' || p.origin === 'set') return t('errors.field.tooMany', { limit: limit ?? '' });
      return p.inclusive === false
        ? t('errors.field.lessThan', { limit: limit ?? '' })
        : t('errors.field.tooBig', { limit: limit ?? '' });
    case 'invalid_format':
      return p.format === 'email'
        ? t('errors.field.email')
        : p.format === 'date' || p.format === 'datetime'
          ? t('errors.field.date')
          : t('errors.field.format');
    case 'invalid_type':
      return /undefined|required/i.test(p.message ?? '') ? t('errors.field.required') : t('errors.field.invalid');
    case 'invalid_value':
      return t('errors.field.choice');
    case 'unrecognized_keys':
      return t('errors.field.unknown');
    default:
      return t('errors.field.invalid');
  }
}

const problemsOf = (error: ApiError | Error | null | undefined): Problem[] =>
  error !== null && error !== undefined && 'details' in error && Array.isArray(error.details) ? (error.details as Problem[]) : [];

/**
 * The problems of a refused form per field, in the page's language, to show at each field (Mantine's `error`).
 * Empty for any other error.
 */
export function fieldProblems(error: ApiError | Error | null | undefined, t: T, language: 'nl' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problemsOf(error)) {
    const field = fieldOf(p);
    if (field !== null && !(field in out)) out[field] = problemText(p, t, language);
  }
  return out;
}

/**
 * What an error means for the person, in the page's language: the text of its stable code. The API's own
 * message is for the log and the API's users: it is English and may name ids and field paths.
 */
export function errorText(error: ApiError | Error, t: T): string {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
  const known = t(`errors.${code}`);
  return known === `errors.${code}` ? t('errors.unknown') : known;
}
