import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ProcessingLogService } from './processing-log.service.ts';
import { idParam } from '../shared/schema.ts';
import { chainReportSchema, logPageSchema, logQuerySchema } from './processing-log.schema.ts';

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

    app.get('/api/processing-log/verify', {
      schema: { tags, summary: 'Check the hash chain of the whole log', response: { 200: chainReportSchema, ...errorResponses } },
      handler: async (req) => services.processingLog.verify(actorOf(req)),
    });
  };
