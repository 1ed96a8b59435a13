import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../cases/attachment.ts';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import { requestSchema } from '../rights/request.schema.ts';
import type { MailboxServices } from './mailbox-services.ts';
import { idParam } from '../shared/schema.ts';
import {
  assignSchema,
  attachmentParams,
  filedSchema,
  inboxItemSchema,
  inboxListQuery,
  inboxListSchema,
  registerSchema,
} from './inbox.schema.ts';

const attachmentContent = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** The triage inbox: mail from the mailbox that waits for staff (assign to a case, register as a request, discard). */
export const inboxRoutes =
  (services: { mailbox: MailboxServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { inbox } = services.mailbox;
    const tags = ['mailbox'];

    app.get('/api/mail/inbox', {
      schema: {
        tags,
        summary: 'Mail waiting for staff, the first to arrive first',
        querystring: inboxListQuery,
        response: { 200: inboxListSchema, ...errorResponses },
      },
      handler: async (req) => inbox.list(actorOf(req), req.query),
    });

    app.get('/api/mail/inbox/:id', {
      schema: {
        tags,
        summary: 'One waiting mail: its text, attachments and what its sender’s domain said (DKIM, SPF, DMARC)',
        params: idParam,
        response: { 200: inboxItemSchema, ...errorResponses },
      },
      handler: async (req) => inbox.get(actorOf(req), req.params.id),
    });

    app.get('/api/mail/inbox/:id/attachments/:attachmentId', {
      schema: {
        tags,
        summary: 'Download an attachment of a waiting mail (consult)',
        params: attachmentParams,
        response: {
          200: { description: 'The content as received', content: { 'application/octet-stream': { schema: attachmentContent } } },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const file = await inbox.downloadAttachment(actorOf(req), req.params.id, req.params.attachmentId);
        // Saved, never shown, as a case's attachments: nothing in it runs in the back office's origin.
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', attachmentDisposition(file.filename))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'no-store')
          .send(file.content);
      },
    });

    app.post('/api/mail/inbox/:id/assign', {
      schema: {
        tags,
        summary: 'File the mail as a message of a customer’s case (of its request, on a request’s case)',
        params: idParam,
        body: assignSchema,
        response: { 200: filedSchema, ...errorResponses },
      },
      handler: async (req) => inbox.assign(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/mail/inbox/:id/register', {
      schema: {
        tags,
        summary: 'Register the mail as a request, received when the mail arrived (Art. 12(3))',
        params: idParam,
        body: registerSchema,
        response: { 201: requestSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await inbox.register(actorOf(req), req.params.id, req.body)),
    });

    app.post('/api/mail/inbox/:id/discard', {
      schema: {
        tags,
        summary: 'Erase the mail and its attachments (not ours to keep)',
        params: idParam,
        response: { 200: z.object({ id: z.string(), discarded: z.literal(true) }), ...errorResponses },
      },
      handler: async (req) => inbox.discard(actorOf(req), req.params.id),
    });
  };
