import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import { errorResponses } from '../../http/error.schema.ts';
import { idParam } from '../../shared/schema.ts';
import type { RightsServices } from '../rights-services.ts';
import { erasureHistorySchema, erasurePreviewSchema } from './erasure-preview.schema.ts';

/** The erasure before the decision (a dry run, Art. 17(3)) and after it, for the dpo who decides (issue 19). */
export const erasurePreviewRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { erasures } = services.rights;

    app.get('/api/requests/:id/erasure-preview', {
      schema: {
        tags: ['rights'],
        summary:
          'What deciding an erasure request would delete and keep today, with the ground and date of each kept record (a dry run, Art. 17(3))',
        params: idParam,
        response: { 200: erasurePreviewSchema, ...errorResponses },
      },
      handler: async (req) => erasures.forRequest(actorOf(req), req.params.id),
    });

    app.get('/api/subjects/:id/erasures', {
      schema: {
        tags: ['rights'],
        summary: "A person's granted erasure requests and what is kept now, why and until when (Art. 17)",
        params: idParam,
        response: { 200: erasureHistorySchema, ...errorResponses },
      },
      handler: async (req) => erasures.forSubject(actorOf(req), req.params.id),
    });
  };
