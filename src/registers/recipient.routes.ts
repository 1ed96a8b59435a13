import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { Services } from '../services.ts';
import {
  newProcessorAgreementSchema,
  newRecipientSchema,
  recipientDetailSchema,
  recipientIdParam,
  recipientPatchSchema,
  recipientSchema,
} from './recipient.schema.ts';

/** The register of recipients (P7): read by every signed-in role, kept by the dpo. */
export const recipientRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['registers'];
    const recipients = services.recipients;

    app.get('/api/registers/recipients', {
      schema: { tags, summary: 'The register of recipients, active and retired, with the processor agreement in force', response: { 200: z.object({ recipients: z.array(recipientSchema) }), ...errorResponses } },
      handler: async (req) => ({ recipients: await recipients.list(actorOf(req)) }),
    });

    app.get('/api/registers/recipients/:id', {
      schema: { tags, summary: 'One recipient with its history and every processor agreement', params: recipientIdParam, response: { 200: recipientDetailSchema, ...errorResponses } },
      handler: async (req) => recipients.get(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients', {
      schema: { tags, summary: 'Add a recipient to the register (dpo)', body: newRecipientSchema, response: { 201: recipientSchema, ...errorResponses } },
      handler: async (req, reply) => reply.status(201).send(await recipients.create(actorOf(req), req.body)),
    });

    app.patch('/api/registers/recipients/:id', {
      schema: { tags, summary: 'Change a recipient (dpo); the previous state stays in its history', params: recipientIdParam, body: recipientPatchSchema, response: { 200: recipientSchema, ...errorResponses } },
      handler: async (req) => recipients.update(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/registers/recipients/:id/retire', {
      schema: { tags, summary: 'Take a recipient out of use (dpo); it is never deleted', params: recipientIdParam, response: { 200: recipientSchema, ...errorResponses } },
      handler: async (req) => recipients.retire(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients/:id/reactivate', {
      schema: { tags, summary: 'Put a retired recipient back in use (dpo)', params: recipientIdParam, response: { 200: recipientSchema, ...errorResponses } },
      handler: async (req) => recipients.reactivate(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients/:id/agreements', {
      schema: { tags, summary: 'Record a processor agreement (Art. 28(3)); it supersedes the one in force', params: recipientIdParam, body: newProcessorAgreementSchema, response: { 201: recipientSchema, ...errorResponses } },
      handler: async (req, reply) => reply.status(201).send(await recipients.recordAgreement(actorOf(req), req.params.id, req.body)),
    });
  };
