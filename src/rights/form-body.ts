import type { FastifyInstance } from 'fastify';

/** Enough for the longest request the form allows (5000 characters of details, percent-encoded) and its fields. */
export const FORM_BODY_LIMIT = 64 * 1024;

/** A form post's fields; the first value counts when a name repeats. */
export type FormFields = Record<string, string>;

/**
 * Reads HTML form posts (application/x-www-form-urlencoded) with URLSearchParams, within the plugin that
 * calls it, so the pages work without JavaScript and without another dependency. Size-limited; what the
 * fields may contain is the schemas' business.
 */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_req, body, done) => {
      const fields: FormFields = {};
      for (const [name, value] of new URLSearchParams(body as string)) {
        if (!Object.hasOwn(fields, name)) fields[name] = value;
      }
      done(null, fields);
    },
  );
}

/** The fields of a parsed form body, or none when there was no body. */
export const formFields = (body: unknown): FormFields => (body !== null && typeof body === 'object' ? (body as FormFields) : {});
