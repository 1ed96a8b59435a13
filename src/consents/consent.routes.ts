import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ConsentService } from './consent.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { consentSchema, newConsentSchema, withdrawalSchema } from './consent.schema.ts';

export const consentRoutes =
  (services: { consents: ConsentService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['consents'];

    app.post('/api/subjects/:id/consents', {
      schema: {
        tags,
        summary: 'Record a consent for a purpose, with its evidence (collect, Art. 7(1))',
        params: idParam,
        querystring: purposeQuery,
        body: newConsentSchema,
        response: { 201: consentSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.consents.record(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.get('/api/subjects/:id/consents', {
      schema: {
        tags,
        summary: "A subject's consents, in force and withdrawn",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: z.object({ consents: z.array(consentSchema) }), ...errorResponses },
      },
      handler: async (req) => ({
        consents: await services.consents.listBySubject(actorOf(req), req.params.id, req.query.purpose),
      }),
    });

    app.post('/api/consents/:id/withdraw', {
      // Art. 7(3): as easy as giving it, so the body is optional (Fastify passes a missing body as null).
      schema: {
        tags,
        summary: 'Withdraw a consent (Art. 7(3)); it is kept as evidence',
        params: idParam,
        querystring: purposeQuery,
        body: withdrawalSchema.nullish(),
        response: { 200: consentSchema, ...errorResponses },
      },
      handler: async (req) => services.consents.withdraw(actorOf(req), req.params.id, req.body ?? {}, req.query.purpose),
    });
  };
