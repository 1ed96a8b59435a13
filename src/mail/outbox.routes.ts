import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { OutboxService } from './outbox.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { outboxMessageSchema, outboxPageSchema, outboxQuerySchema } from './outbox.schema.ts';

export const outboxRoutes =
  (services: { outbox: OutboxService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['outbox'];

    app.get('/api/outbox', {
      schema: {
        tags,
        summary:
          'Messages to people, newest first, with their text and delivery state; for a restricted person (Art. 18) only the state',
        querystring: outboxQuerySchema,
        response: { 200: outboxPageSchema, ...errorResponses },
      },
      handler: async (req) => services.outbox.list(actorOf(req), req.query),
    });

    app.get('/api/outbox/:id', {
      schema: {
        tags,
        summary: 'One message with its text and delivery state',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: outboxMessageSchema, ...errorResponses },
      },
      handler: async (req) => services.outbox.get(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/outbox/:id/retry', {
      schema: {
        tags,
        summary: 'Try a message that was given up again (dpo)',
        params: idParam,
        response: { 200: outboxMessageSchema, ...errorResponses },
      },
      handler: async (req) => services.outbox.retry(actorOf(req), req.params.id),
    });
  };
