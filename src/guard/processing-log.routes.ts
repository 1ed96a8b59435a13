import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ProcessingLogService } from './processing-log.service.ts';
import { idParam } from '../shared/schema.ts';
import { z } from 'zod';
import { chainReportSchema, logExportQuerySchema, logPageSchema, logQuerySchema } from './processing-log.schema.ts';

export const processingLogRoutes =
  (services: { processingLog: ProcessingLogService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['processing log'];

    app.get('/api/processing-log', {
      schema: {
        tags,
        summary: 'The processing log, newest first, filtered and paged',
        querystring: logQuerySchema,
        response: { 200: logPageSchema, ...errorResponses },
      },
      handler: async (req) => services.processingLog.list(actorOf(req), req.query),
    });

    app.get('/api/subjects/:id/processing-log', {
      schema: {
        tags,
        summary: "Everything done with one subject's data",
        params: idParam,
        querystring: logQuerySchema.omit({ subjectId: true }),
        response: { 200: logPageSchema, ...errorResponses },
      },
      handler: async (req) => services.processingLog.list(actorOf(req), { ...req.query, subjectId: req.params.id }),
    });

    app.get('/api/processing-log/export', {
      schema: {
        tags,
        summary: 'The filtered processing log as CSV (the newest 50,000 entries); the export is logged',
        querystring: logExportQuerySchema.extend({ lang: z.enum(['nl', 'en']).default('nl') }),
        response: {
          200: { description: 'RFC 4180, UTF-8, formula-safe cells', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const { lang, ...filters } = req.query;
        const { csv, day } = await services.processingLog.exportCsv(actorOf(req), filters, lang);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="processing-log-${day}.csv"`)
          .send(csv);
      },
    });

    app.get('/api/processing-log/verify', {
      schema: { tags, summary: 'Check the hash chain of the whole log', response: { 200: chainReportSchema, ...errorResponses } },
      handler: async (req) => services.processingLog.verify(actorOf(req)),
    });
  };
