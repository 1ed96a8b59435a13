import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { RegisterService } from './register.service.ts';
import { REGISTER_PAGE_CSP } from './processing-activities.html.ts';
import { processingActivitiesSchema, registerExportQuery, storageLocationSchema } from './processing-activities.schema.ts';

/** The registers generated from the policy: storage locations (P6) and the Art. 30 record. */
export const registerRoutes =
  (services: { registers: RegisterService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['registers'];

    app.get('/api/registers/storage', {
      schema: {
        tags,
        summary: 'Where the data is stored, and the safeguard outside the EEA (P6)',
        response: { 200: z.object({ storage: z.array(storageLocationSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ storage: services.registers.storage(actorOf(req)) }),
    });

    app.get('/api/registers/processing-activities', {
      schema: {
        tags,
        summary: 'The record of processing activities (Art. 30(1) GDPR) as JSON, CSV or HTML (dpo)',
        querystring: registerExportQuery,
        response: {
          200: {
            description: 'The register; CSV (text/csv) and HTML (text/html) carry the same fields',
            content: {
              'application/json': { schema: processingActivitiesSchema },
              'text/csv': { schema: z.string() },
              'text/html': { schema: z.string() },
            },
          },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const out = await services.registers.exportProcessingActivities(actorOf(req), req.query);
        if (out.format === 'json') return reply.type(out.contentType).send(out.register);
        if (out.format === 'html') void reply.header('content-security-policy', REGISTER_PAGE_CSP);
        return reply
          .type(out.contentType)
          .header('content-disposition', `attachment; filename="processing-activities.${out.format}"`)
          .send(out.body);
      },
    });
  };
