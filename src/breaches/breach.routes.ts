import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { BreachService } from './breach.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import {
  breachLettersSchema,
  breachListQuerySchema,
  breachPatchSchema,
  breachSchema,
  exemptionSchema,
  lettersResultSchema,
  newBreachSchema,
  newNotificationSchema,
} from './breach.schema.ts';

/** The breach register (Art. 33(5)): the dpo records, assesses and notifies; letters and exemptions (Art. 34). */
export const breachRoutes =
  (services: { breaches: BreachService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['breaches'];

    app.post('/api/breaches', {
      schema: {
        tags,
        summary: 'Record a personal data breach, notified or not (Art. 33(5)); the 72-hour clock starts at becameAwareAt',
        body: newBreachSchema,
        response: { 201: breachSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await services.breaches.record(actorOf(req), req.body)),
    });

    app.get('/api/breaches', {
      schema: {
        tags,
        summary: 'The breach register, most recent first, each with its clock (open=true: notification still due)',
        querystring: breachListQuerySchema,
        response: { 200: z.object({ breaches: z.array(breachSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ breaches: await services.breaches.list(actorOf(req), req.query) }),
    });

    app.get('/api/breaches/:id', {
      schema: {
        tags,
        summary: 'A breach with its clock, notifications, exemption and letters',
        params: idParam,
        response: { 200: breachSchema, ...errorResponses },
      },
      handler: async (req) => services.breaches.get(actorOf(req), req.params.id),
    });

    app.patch('/api/breaches/:id', {
      schema: {
        tags,
        summary: 'Change the assessment of a breach as more becomes known',
        params: idParam,
        body: breachPatchSchema,
        response: { 200: breachSchema, ...errorResponses },
      },
      handler: async (req) => services.breaches.update(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/breaches/:id/notifications', {
      schema: {
        tags,
        summary:
          'Record a notification to the Autoriteit Persoonsgegevens (initial, follow_up, final); a late one needs lateReason',
        params: idParam,
        body: newNotificationSchema,
        response: { 201: breachSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.breaches.notify(actorOf(req), req.params.id, req.body)),
    });

    app.post('/api/breaches/:id/exemption', {
      schema: {
        tags,
        summary: 'Record why the persons are not told by letter (Art. 34(3)(a)-(c))',
        params: idParam,
        body: exemptionSchema,
        response: { 201: breachSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.breaches.exempt(actorOf(req), req.params.id, req.body)),
    });

    app.post('/api/breaches/:id/letters', {
      schema: {
        tags,
        summary: 'Tell the chosen persons of a high-risk breach by letter, in their language, through the outbox (Art. 34)',
        params: idParam,
        querystring: purposeQuery,
        body: breachLettersSchema,
        response: { 201: lettersResultSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.breaches.sendLetters(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });
  };
