import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../cases/attachment.ts';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ExportService } from './export.service.ts';

const file = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** Export of everything the business holds (issue 20, part 3): the dpo's, logged. */
export const exportRoutes =
  (services: { exports: ExportService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/export', {
      schema: {
        tags: ['export'],
        summary: 'Everything held, as JSON or as a zip of one CSV per record type (export, dpo)',
        querystring: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: {
            description: 'The export as a file',
            content: { 'application/json': { schema: file }, 'application/zip': { schema: file } },
          },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const f = await services.exports.export(actorOf(req), req.query.format);
        return reply
          .type(f.contentType)
          .header('content-disposition', attachmentDisposition(f.filename))
          .send(Buffer.from(f.content));
      },
    });
  };
