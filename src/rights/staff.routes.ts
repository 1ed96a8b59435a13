import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import type { RightsServices } from './rights-services.ts';
import { listPageSchema } from '../shared/list.ts';
import { idParam } from '../shared/schema.ts';
import { MAX_EML_BYTES } from '../mail/eml.ts';
import { importedMailSchema } from './eml-import.service.ts';
import {
  answerSchema,
  decisionSchema,
  extensionSchema,
  noteSchema,
  reclassifySchema,
  requestListQuery,
  requestOutcomeSchema,
  requestDetailSchema,
  requestSchema,
  requestListItemSchema,
  sendCodeSchema,
  staffRequestSchema,
  staffVerificationSchema,
} from './request.schema.ts';

// Checked by the service after the role, so a JSON body answers 415 and an accountant 403, as elsewhere.
const emlBody = z.unknown().meta({ type: 'string', format: 'binary' });

/** The back office's routes for requests: register, list by deadline, verify, extend, decide, answer. */
export const staffRequestRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { intake, verification, requests, decisions, mailImport } = services.rights;
    const tags = ['requests'];
    const outcome = { 200: requestOutcomeSchema, ...errorResponses };

    app.get('/api/requests', {
      schema: {
        tags,
        summary: 'Requests a page at a time, by deadline, earliest first, overdue ones flagged (Art. 12(3))',
        querystring: requestListQuery,
        response: { 200: listPageSchema(requestListItemSchema), ...errorResponses },
      },
      handler: async (req) => requests.list(actorOf(req), req.query),
    });

    app.post('/api/requests', {
      schema: {
        tags,
        summary: 'Register a request that came by e-mail or letter, with the day it was received',
        body: staffRequestSchema,
        response: { 201: requestSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await intake.register(actorOf(req), req.body)),
    });

    app.get('/api/requests/:id', {
      schema: {
        tags,
        summary: 'A request, with the name of the customer it is about',
        params: idParam,
        response: { 200: requestDetailSchema, ...errorResponses },
      },
      handler: async (req) => requests.get(actorOf(req), req.params.id),
    });

    app.post('/api/requests/:id/kind', {
      schema: {
        tags,
        summary: 'Set the kind of a request not yet verified (a mail’s kind is guessed from its words)',
        params: idParam,
        body: reclassifySchema,
        response: { 200: requestSchema, ...errorResponses },
      },
      handler: async (req) => requests.reclassify(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/verification-code', {
      schema: {
        tags,
        summary: 'Send a code to the e-mail address on file of the subject the requester says to be',
        params: idParam,
        body: sendCodeSchema.nullish(),
        response: { 200: requestSchema, ...errorResponses },
      },
      handler: async (req) => intake.sendVerificationCode(actorOf(req), req.params.id, req.body ?? {}),
    });

    app.post('/api/requests/:id/verify', {
      schema: {
        tags,
        summary: 'Record how staff established the identity (never a copy of an ID document)',
        params: idParam,
        body: staffVerificationSchema,
        response: { 200: requestSchema, ...errorResponses },
      },
      handler: async (req) => verification.verifyByStaff(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/extend', {
      schema: {
        tags,
        summary: 'Extend the deadline by one or two months, with reasons, within the first month (Art. 12(3))',
        params: idParam,
        body: extensionSchema,
        response: outcome,
      },
      handler: async (req) => requests.extend(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/decision', {
      schema: {
        tags,
        summary: 'Decide on a verified right (dpo); a refusal needs its ground and motivation (Art. 12(4)-(5))',
        params: idParam,
        body: decisionSchema,
        response: outcome,
      },
      handler: async (req) => decisions.decide(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/answer', {
      schema: {
        tags,
        summary: 'Answer a decided right (dpo), or a question or complaint (staff too)',
        params: idParam,
        body: answerSchema,
        response: outcome,
      },
      handler: async (req) => decisions.answer(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/withdraw', {
      schema: {
        tags,
        summary: 'Record that the person withdrew the request',
        params: idParam,
        body: noteSchema,
        response: outcome,
      },
      handler: async (req) => requests.withdraw(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/requests/:id/unverifiable', {
      schema: {
        tags,
        summary: 'Close a request whose identity could not be established, and tell the person (Art. 12(2), 12(4))',
        params: idParam,
        body: noteSchema,
        response: outcome,
      },
      handler: async (req) => requests.markUnverifiable(actorOf(req), req.params.id, req.body),
    });

    // A mail as received: the raw RFC 5322 message, parsed with mailparser.
    app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: MAX_EML_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/api/requests/:id/messages/eml', {
      bodyLimit: MAX_EML_BYTES,
      // The global sign-in check runs after the body is read; refuse anonymous callers before reading it.
      onRequest: async (req) => {
        actorOf(req);
      },
      schema: {
        tags,
        summary: 'Import a mail (.eml, Content-Type: message/rfc822) as a message of the request',
        params: idParam,
        consumes: ['message/rfc822'],
        body: emlBody,
        response: { 201: importedMailSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await mailImport.importEml(actorOf(req), req.params.id, Buffer.isBuffer(req.body) ? req.body : null)),
    });
  };
