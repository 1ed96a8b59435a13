import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { AgreementService } from './agreement.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { agreementPatchSchema, agreementSchema, newAgreementSchema } from './agreement.schema.ts';

export const agreementRoutes =
  (services: { agreements: AgreementService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['agreements'];

    app.post('/api/subjects/:id/agreements', {
      schema: {
        tags,
        summary: 'Record an agreement or quote for a subject (collect)',
        params: idParam,
        querystring: purposeQuery,
        body: newAgreementSchema,
        response: { 201: agreementSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.agreements.create(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.get('/api/subjects/:id/agreements', {
      schema: {
        tags,
        summary: "A subject's agreements and quotes",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: z.object({ agreements: z.array(agreementSchema) }), ...errorResponses },
      },
      handler: async (req) => ({
        agreements: await services.agreements.listBySubject(actorOf(req), req.params.id, req.query.purpose),
      }),
    });

    app.get('/api/agreements/:id', {
      schema: {
        tags,
        summary: 'An agreement or quote',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: agreementSchema, ...errorResponses },
      },
      handler: async (req) => services.agreements.get(actorOf(req), req.params.id, req.query.purpose),
    });

    app.patch('/api/agreements/:id', {
      schema: {
        tags,
        summary: "Change the title, status, dates or contact person (an organisation's) of an agreement or quote",
        params: idParam,
        querystring: purposeQuery,
        body: agreementPatchSchema,
        response: { 200: agreementSchema, ...errorResponses },
      },
      handler: async (req) => services.agreements.update(actorOf(req), req.params.id, req.body, req.query.purpose),
    });
  };
