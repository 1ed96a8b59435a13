import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { objectionListSchema } from './objection.schema.ts';
import type { ObjectionService } from './objection.service.ts';
import { liftAnnouncementSchema, restrictionListSchema, restrictionSchema } from './restriction.schema.ts';
import type { RestrictionService } from './restriction.service.ts';

/** The routes of restrictions (Art. 18) and objections (Art. 21): finding them, and lifting a restriction. */
export const restrictionRoutes =
  ({ restrictions, objections }: { restrictions: RestrictionService; objections: ObjectionService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/subjects/:id/restrictions', {
      schema: {
        tags: ['rights'],
        summary: "A person's restrictions of processing, active and lifted, newest first (Art. 18)",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: restrictionListSchema, ...errorResponses },
      },
      handler: async (req) => restrictions.listForSubject(actorOf(req), req.params.id, req.query.purpose),
    });

    app.get('/api/subjects/:id/objections', {
      schema: {
        tags: ['rights'],
        summary: "A person's objections per purpose, pending and decided, newest first (Art. 21)",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: objectionListSchema, ...errorResponses },
      },
      handler: async (req) => objections.listForSubject(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/restrictions/:id/lift', {
      schema: {
        tags: ['rights'],
        summary:
          'Announce lifting a restriction: the person is told first, and it is lifted once that notice was delivered and the lead time passed (Art. 18(3))',
        params: idParam,
        body: liftAnnouncementSchema,
        response: { 200: restrictionSchema, ...errorResponses },
      },
      handler: async (req) => restrictions.announceLift(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/restrictions/:id/keep', {
      schema: {
        tags: ['rights'],
        summary: 'Withdraw an announced lifting: the restriction stands (Art. 18)',
        params: idParam,
        response: { 200: restrictionSchema, ...errorResponses },
      },
      handler: async (req) => restrictions.keep(actorOf(req), req.params.id),
    });
  };
