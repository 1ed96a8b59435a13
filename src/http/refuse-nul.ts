import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../errors.ts';

/**
 * Refuses NUL characters anywhere in a request: PostgreSQL text cannot hold them (SQLite can), no name,
 * address or letter needs one, and refusing them here keeps both dialects answering the same 400.
 */
export function refuseNul(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw validationFailed('The URL contains a NUL character');
  });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    // JSON can only carry NUL as the escape \u0000.
    if (/\\u0000/i.test(text)) {
      done(validationFailed('The request body contains a NUL character'), undefined);
      return;
    }
    try {
      done(null, text.length === 0 ? undefined : (JSON.parse(text) as unknown));
    } catch {
      done(validationFailed('The request body is not valid JSON'), undefined);
    }
  });
}
