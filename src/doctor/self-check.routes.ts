import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { SelfCheckService } from './self-check.service.ts';
import { selfCheckQuerySchema, selfChecksSchema } from './self-check.schema.ts';

/** The kept results of the self-check (dpo); the checks themselves run daily and in `kluis doctor`. */
export const selfCheckRoutes =
  (services: { selfChecks: SelfCheckService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/self-checks', {
      schema: {
        tags: ['self-check'],
        summary: 'The newest self-check of the security measures with every finding, and the history of runs',
        querystring: selfCheckQuerySchema,
        response: { 200: selfChecksSchema, ...errorResponses },
      },
      handler: async (req) => services.selfChecks.history(actorOf(req), req.query),
    });
  };
