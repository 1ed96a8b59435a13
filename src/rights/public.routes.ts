import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorSchema } from '../http/error.schema.ts';
import type { RightsServices } from './rights-services.ts';
import {
  publicProofSchema,
  publicReceiptSchema,
  publicRequestSchema,
  publicStatusSchema,
  referenceParam,
} from './request.schema.ts';

const publicErrors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 410: errorSchema, 429: errorSchema };

/**
 * The portal's API for requests (P11, P12): anyone may file one, prove who they are and see its stage. No
 * session; rate-limited per address and per IP; the answers never tell whether an address is a customer's.
 */
export const publicRequestRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { intake, verification, requests } = services.rights;
    const base = { tags: ['public'], security: [] };
    const config = { public: true };

    app.post('/api/public/requests', {
      config,
      schema: {
        ...base,
        summary: 'File a request about your personal data, a question or a complaint',
        body: publicRequestSchema,
        response: { 202: publicReceiptSchema, ...publicErrors },
      },
      handler: async (req, reply) => reply.status(202).send(await intake.fileFromPortal(req.body, { ip: req.ip })),
    });

    app.get('/api/public/requests/:reference', {
      config,
      schema: {
        ...base,
        summary: 'The stage of a request (received, in progress, answered), without personal data',
        params: referenceParam,
        response: { 200: publicStatusSchema, ...publicErrors },
      },
      handler: async (req) => requests.publicStatus(req.params.reference, { ip: req.ip }),
    });

    app.post('/api/public/requests/:reference/verify', {
      config,
      schema: {
        ...base,
        summary:
          'Prove who you are: the code or link token from the mail, or (access, question, complaint) the number and total of an invoice of yours',
        params: referenceParam,
        body: publicProofSchema,
        // 403: invoice details offered for a request that changes or deletes data, which needs the mailbox.
        response: { 200: publicStatusSchema, ...publicErrors, 403: errorSchema },
      },
      handler: async (req) => verification.verifyPublic(req.params.reference, req.body, { ip: req.ip }),
    });

    app.post('/api/public/requests/:reference/resend', {
      config,
      schema: {
        ...base,
        summary: 'Ask for a new code; it goes to the address we hold, if we know you',
        params: referenceParam,
        response: { 202: publicReceiptSchema, ...publicErrors },
      },
      handler: async (req, reply) => reply.status(202).send(await intake.resendCode(req.params.reference, { ip: req.ip })),
    });
  };
