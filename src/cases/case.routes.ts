import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import type { CaseMailImportService } from './case-mail-import.service.ts';
import type { CaseService } from './case.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { MAX_EML_BYTES } from '../mail/eml.ts';
import { MESSAGE_ROUTE_BODY_LIMIT, attachmentDisposition } from './attachment.ts';
import { caseListQuery, caseListSchema } from './case-list.schema.ts';
import { caseSchema, caseSummarySchema, messageSchema, newCaseSchema, newMessageSchema } from './case.schema.ts';

// The bytes as sent; a Buffer skips the JSON serializer, the metadata documents it as binary in OpenAPI.
// Checked by the service after the role, so a JSON body answers 415 and an accountant 403, as for requests.
const emlBody = z.unknown().meta({ type: 'string', format: 'binary' });

const attachmentContent = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

export const caseRoutes =
  (services: { caseMailImport: CaseMailImportService; cases: CaseService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['cases'];

    app.post('/api/subjects/:id/cases', {
      schema: {
        tags,
        summary: 'Open a question, complaint or request for a subject (collect)',
        params: idParam,
        querystring: purposeQuery,
        body: newCaseSchema,
        response: { 201: caseSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.cases.open(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.get('/api/cases', {
      schema: {
        tags,
        summary: "Every customer's cases a page at a time, by status, kind, customer, or a reference or title; newest first",
        querystring: caseListQuery,
        response: { 200: caseListSchema, ...errorResponses },
      },
      handler: async (req) => services.cases.list(actorOf(req), req.query),
    });

    app.get('/api/subjects/:id/cases', {
      schema: {
        tags,
        summary: "A subject's cases, without their messages",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: z.object({ cases: z.array(caseSummarySchema) }), ...errorResponses },
      },
      handler: async (req) => ({ cases: await services.cases.listBySubject(actorOf(req), req.params.id, req.query.purpose) }),
    });

    app.get('/api/cases/:id', {
      schema: {
        tags,
        summary: 'A case with its messages',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: caseSchema, ...errorResponses },
      },
      handler: async (req) => services.cases.get(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/cases/:id/close', {
      schema: {
        tags,
        summary: 'Close a case; its retention counts from now',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: caseSummarySchema, ...errorResponses },
      },
      handler: async (req) => services.cases.close(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/cases/:id/reopen', {
      schema: {
        tags,
        summary: 'Reopen a closed case',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: caseSummarySchema, ...errorResponses },
      },
      handler: async (req) => services.cases.reopen(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/cases/:id/messages', {
      // The one route whose body may be large: up to ten attachments of 5 MiB, base64 in JSON.
      bodyLimit: MESSAGE_ROUTE_BODY_LIMIT,
      // The global sign-in check runs after the body is parsed; refuse anonymous callers before reading ~70 MB.
      onRequest: async (req) => {
        actorOf(req);
      },
      schema: {
        tags,
        summary: 'Add a message, with attachments as base64, to an open case (collect inbound, store outbound)',
        params: idParam,
        querystring: purposeQuery,
        body: newMessageSchema,
        response: { 201: messageSchema, ...errorResponses, 413: errorSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.cases.addMessage(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    // A mail as received: the raw RFC 5322 message, parsed with mailparser (src/rights/eml.ts).
    app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: MAX_EML_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/api/cases/:id/messages/eml', {
      bodyLimit: MAX_EML_BYTES,
      // The global sign-in check runs after the body is read; refuse anonymous callers before reading it.
      onRequest: async (req) => {
        actorOf(req);
      },
      schema: {
        tags,
        summary: 'Import a mail (.eml, Content-Type: message/rfc822) as a message of an open case, with its attachments',
        params: idParam,
        querystring: purposeQuery,
        consumes: ['message/rfc822'],
        body: emlBody,
        response: { 201: messageSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(
            await services.caseMailImport.importEml(
              actorOf(req),
              req.params.id,
              Buffer.isBuffer(req.body) ? req.body : null,
              req.query.purpose,
            ),
          ),
    });

    app.get('/api/attachments/:id', {
      schema: {
        tags,
        summary: "Download an attachment's content (consult)",
        params: idParam,
        querystring: purposeQuery,
        response: {
          200: {
            description: 'The content as received, with its own content type',
            content: { 'application/octet-stream': { schema: attachmentContent } },
          },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const attachment = await services.cases.downloadAttachment(actorOf(req), req.params.id, req.query.purpose);
        // Saved, never shown: a stored text/html or SVG must not run in the back office's origin.
        return reply
          .header('content-type', attachment.contentType)
          .header('content-disposition', attachmentDisposition(attachment.filename))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'no-store')
          .send(attachment.content);
      },
    });
  };
