import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { DisclosureServices } from './disclosure-services.ts';
import { idParam } from '../shared/schema.ts';
import { z } from 'zod';
import {
  awaitingPageSchema,
  awaitingQuery,
  cancelSchema,
  disclosureListSchema,
  disclosureSchema,
  fiscalExportSchema,
  newDisclosureSchema,
  newLegalDemandSchema,
} from './disclosure.schema.ts';

const file = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });
const fileResponse = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: file }])),
});

/** A file for a recipient: never cached, always downloaded. */
const sendFile = (reply: FastifyReply, f: { filename: string; contentType: string; body: Buffer | string }) =>
  reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.isBuffer(f.body) ? f.body : Buffer.from(f.body, 'utf8'));

/** Disclosures (P7-P9): made by staff, legal demands by the dpo, the fiscal export by the accountant or the dpo. */
export const disclosureRoutes =
  (services: { disclosures: DisclosureServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['disclosures'];
    const { disclosures, releases, fiscalExports } = services.disclosures;

    app.post('/api/subjects/:id/disclosures', {
      schema: {
        tags,
        summary:
          "Hand a subject's data to a recipient of the register (P7-P9): only registered categories, told in advance where the register says so",
        params: idParam,
        body: newDisclosureSchema,
        response: { 201: disclosureSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await disclosures.disclose(actorOf(req), req.params.id, req.body)),
    });

    app.get('/api/subjects/:id/disclosures', {
      schema: {
        tags,
        summary: "The subject's disclosure log: recipient, categories, purpose, legal ground, time, notice",
        params: idParam,
        response: { 200: disclosureListSchema, ...errorResponses },
      },
      handler: async (req) => ({ disclosures: await disclosures.listForSubject(actorOf(req), req.params.id) }),
    });

    app.post('/api/subjects/:id/legal-demands', {
      schema: {
        tags,
        summary: 'Record a legal demand of an authority (dpo; Art. 6(1)(c), 23): authority, legal ground and reference required',
        params: idParam,
        body: newLegalDemandSchema,
        response: { 201: disclosureSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await disclosures.legalDemand(actorOf(req), req.params.id, req.body)),
    });

    app.get('/api/disclosures', {
      schema: {
        tags,
        summary:
          'The disclosures of every customer awaiting their advance notice (P9), a page at a time, longest waiting first; each with the customer, the notice and from when it may be released (dpo)',
        querystring: awaitingQuery,
        response: { 200: awaitingPageSchema, ...errorResponses },
      },
      handler: async (req) => releases.listAwaiting(actorOf(req), req.query),
    });

    app.get('/api/disclosures/:id', {
      schema: {
        tags,
        summary: 'One disclosure of the log',
        params: idParam,
        response: { 200: disclosureSchema, ...errorResponses },
      },
      handler: async (req) => disclosures.get(actorOf(req), req.params.id),
    });

    app.post('/api/disclosures/:id/release', {
      schema: {
        tags,
        summary: 'Release a disclosure whose advance notice was sent (and the lead time passed)',
        params: idParam,
        response: { 200: disclosureSchema, ...errorResponses },
      },
      handler: async (req) => releases.release(actorOf(req), req.params.id),
    });

    app.post('/api/disclosures/:id/cancel', {
      schema: {
        tags,
        summary: 'Cancel a disclosure that still waits for its notice; nothing goes out',
        params: idParam,
        body: cancelSchema,
        response: { 200: disclosureSchema, ...errorResponses },
      },
      handler: async (req) => releases.cancel(actorOf(req), req.params.id, req.body),
    });

    app.get('/api/disclosures/:id/export', {
      schema: {
        tags,
        summary: 'The export for the recipient (JSON or CSV of the disclosed categories), once released',
        params: idParam,
        response: { 200: fileResponse('The export', ['application/json', 'text/csv']), ...errorResponses },
      },
      handler: async (req, reply) => sendFile(reply, await releases.exportFile(actorOf(req), req.params.id)),
    });

    app.post('/api/fiscal-exports', {
      schema: {
        tags,
        summary:
          'Issued invoices of a period for the accounting firm (CSV, or a zip with UBL 2.1 per invoice), logged as a disclosure per person',
        body: fiscalExportSchema,
        response: { 200: fileResponse('The export', ['text/csv', 'application/zip']), ...errorResponses },
      },
      handler: async (req, reply) => {
        const result = await fiscalExports.export(actorOf(req), req.body);
        return sendFile(
          reply.header('x-kluis-invoices', String(result.invoices)).header('x-kluis-disclosures', String(result.disclosures)),
          result,
        );
      },
    });
  };
