import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import { MAX_IMPORT_BYTES, importQuery, importResultSchema } from './import.schema.ts';
import type { ImportService } from './import.service.ts';

const TYPES = ['text/csv', 'text/vcard', 'text/x-vcard', 'application/octet-stream'];
const fileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** Import of organisations, persons, contact persons and past invoices from a file (issue 20, part 3). */
export const importRoutes =
  (services: { imports: ImportService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(TYPES, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    app.post('/api/imports', {
      bodyLimit: MAX_IMPORT_BYTES,
      // The global sign-in check runs after the body is read; refuse anonymous callers before reading it.
      onRequest: async (req) => {
        actorOf(req);
      },
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV (UTF-8 or Windows-1252, comma or semicolon) of organisations, persons, contact persons or invoices issued before (one row per line), or, for persons, a vCard file: every row checked, a dry run, or the import in batches',
        querystring: importQuery,
        consumes: TYPES,
        body: fileBody,
        response: { 200: importResultSchema, ...errorResponses, 413: errorSchema, 415: errorSchema, 422: errorSchema },
      },
      handler: async (req) =>
        services.imports.run(
          actorOf(req),
          { filename: req.query.filename, content: req.body },
          {
            kind: req.query.kind,
            dryRun: req.query.dryRun ?? false,
            skipBadRows: req.query.skipBadRows ?? false,
            purpose: req.query.purpose,
          },
        ),
    });
  };
