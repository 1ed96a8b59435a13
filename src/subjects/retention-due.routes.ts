import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import { type RetentionDueService, dueQuerySchema, forecastQuerySchema } from './retention-due.ts';

const dueRecordSchema = z.object({
  recordType: z.enum(['agreement', 'invoice', 'case', 'consent', 'subject_contact_details']),
  id: z.string(),
  subjectId: z.string(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  until: z.string(),
  rule: z.string().nullable(),
});

/** Whose data the sweep deletes, named, a page at a time (the dpo's; each page a logged consultation). */
export const retentionDueRoutes =
  (services: { retentionDue: RetentionDueService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['retention'];

    app.get('/api/retention/forecast/records', {
      schema: {
        tags,
        summary: 'The records the sweep will delete in the coming days, with the customer and the title, paged',
        querystring: forecastQuerySchema,
        response: { 200: z.object({ total: z.number(), records: z.array(dueRecordSchema) }), ...errorResponses },
      },
      handler: async (req) => services.retentionDue.forecast(actorOf(req), req.query),
    });

    app.get('/api/retention/dry-run/records', {
      schema: {
        tags,
        summary: 'What the next sweep would delete, with the customer and the title, paged; changes nothing',
        querystring: dueQuerySchema,
        response: {
          200: z.object({ today: z.string(), total: z.number(), records: z.array(dueRecordSchema) }),
          ...errorResponses,
        },
      },
      handler: async (req) => services.retentionDue.dryRun(actorOf(req), req.query),
    });
  };
