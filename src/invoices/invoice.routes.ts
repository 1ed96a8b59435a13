import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { InvoiceService } from './invoice.service.ts';
import { listPageSchema } from '../shared/list.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { invoicePatchSchema, invoiceListQuery, invoiceSchema, issueSchema, newInvoiceSchema } from './invoice.schema.ts';

export const invoiceRoutes =
  (services: { invoices: InvoiceService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['invoices'];
    const invoiceList = z.object({ invoices: z.array(invoiceSchema) });

    app.post('/api/subjects/:id/invoices', {
      schema: {
        tags,
        summary: 'Draft an invoice for a subject (collect); totals are computed from the lines',
        params: idParam,
        querystring: purposeQuery,
        body: newInvoiceSchema,
        response: { 201: invoiceSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.invoices.create(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.get('/api/subjects/:id/invoices', {
      schema: {
        tags,
        summary: "A subject's invoices, drafts included",
        params: idParam,
        querystring: purposeQuery,
        response: { 200: invoiceList, ...errorResponses },
      },
      handler: async (req) => ({
        invoices: await services.invoices.listBySubject(actorOf(req), req.params.id, req.query.purpose),
      }),
    });

    app.get('/api/invoices', {
      schema: {
        tags,
        summary: 'Invoices a page at a time, by customer, status, number and issue date (from/to, inclusive: the accounts)',
        querystring: invoiceListQuery,
        response: { 200: listPageSchema(invoiceSchema), ...errorResponses },
      },
      handler: async (req) => services.invoices.list(actorOf(req), req.query),
    });

    app.get('/api/invoices/:id', {
      schema: {
        tags,
        summary: 'An invoice with its lines',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: invoiceSchema, ...errorResponses },
      },
      handler: async (req) => services.invoices.get(actorOf(req), req.params.id, req.query.purpose),
    });

    app.patch('/api/invoices/:id', {
      schema: {
        tags,
        summary: 'Edit a draft invoice; an issued one accepts only a first completion date',
        params: idParam,
        querystring: purposeQuery,
        body: invoicePatchSchema,
        response: { 200: invoiceSchema, ...errorResponses },
      },
      handler: async (req) => services.invoices.update(actorOf(req), req.params.id, req.body, req.query.purpose),
    });

    app.delete('/api/invoices/:id', {
      schema: {
        tags,
        summary: 'Delete a draft invoice (erase); an issued invoice cannot be deleted',
        params: idParam,
        querystring: purposeQuery,
        response: { 204: z.null(), ...errorResponses },
      },
      handler: async (req, reply) => {
        await services.invoices.delete(actorOf(req), req.params.id, req.query.purpose);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/invoices/:id/issue', {
      schema: {
        tags,
        summary: 'Issue a draft under the next invoice number of the year; it is immutable from then on',
        params: idParam,
        querystring: purposeQuery,
        body: issueSchema.nullish(),
        response: { 200: invoiceSchema, ...errorResponses },
      },
      handler: async (req) => services.invoices.issue(actorOf(req), req.params.id, req.body, req.query.purpose),
    });

    app.post('/api/invoices/:id/credit', {
      schema: {
        tags,
        summary: 'Draft a credit invoice that negates an issued invoice',
        params: idParam,
        querystring: purposeQuery,
        body: z.strictObject({}).nullish(),
        response: { 201: invoiceSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.invoices.credit(actorOf(req), req.params.id, req.query.purpose)),
    });
  };
