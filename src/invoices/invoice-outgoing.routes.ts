import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import type { InvoiceFile } from './invoice-documents.ts';
import type { InvoiceMailService } from './invoice-mail.service.ts';
import { invoiceSchema } from './invoice.schema.ts';
import { newPaymentSchema, paymentSchema } from './payment.schema.ts';
import type { PaymentService } from './payment.service.ts';

const file = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });
const fileResponse = (description: string, type: string) => ({ description, content: { [type]: { schema: file } } });
const sendFile = (reply: FastifyReply, f: InvoiceFile) =>
  reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(f.content);

const sent = z.object({ messageId: z.string(), to: z.string() });

/** Invoices that go out: their PDF and UBL, sending, payments, overdue invoices and reminders. */
export const invoiceOutgoingRoutes =
  (services: { invoiceMail: InvoiceMailService; payments: PaymentService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['invoices'];

    app.get('/api/invoices/overdue', {
      schema: {
        tags,
        summary: 'Issued invoices past their due date with an amount outstanding, longest overdue first',
        querystring: purposeQuery,
        response: { 200: z.object({ invoices: z.array(invoiceSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ invoices: await services.payments.overdue(actorOf(req), req.query.purpose) }),
    });

    app.get('/api/invoices/:id/pdf', {
      schema: {
        tags,
        summary: 'The invoice as a PDF (a draft marked as draft); the same bytes every time',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: fileResponse('The PDF', 'application/pdf'), ...errorResponses },
      },
      handler: async (req, reply) =>
        sendFile(reply, await services.invoiceMail.pdf(actorOf(req), req.params.id, req.query.purpose)),
    });

    app.get('/api/invoices/:id/ubl', {
      schema: {
        tags,
        summary: 'An issued invoice as UBL 2.1 (Peppol BIS Billing 3.0, NLCIUS)',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: fileResponse('The UBL document', 'application/xml'), ...errorResponses },
      },
      handler: async (req, reply) =>
        sendFile(reply, await services.invoiceMail.ubl(actorOf(req), req.params.id, req.query.purpose)),
    });

    app.post('/api/invoices/:id/send', {
      schema: {
        tags,
        summary: "Mail an issued invoice to the customer's address, with its PDF and UBL attached, through the outbox",
        params: idParam,
        querystring: purposeQuery,
        body: z.strictObject({}).nullish(),
        response: { 202: sent, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await services.invoiceMail.send(actorOf(req), req.params.id, req.query.purpose)),
    });

    app.post('/api/invoices/:id/reminders', {
      schema: {
        tags,
        summary: 'Mail a payment reminder for an overdue invoice (a paid one is refused: invoice_paid)',
        params: idParam,
        querystring: purposeQuery,
        body: z.strictObject({}).nullish(),
        response: { 202: sent, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await services.invoiceMail.remind(actorOf(req), req.params.id, req.query.purpose)),
    });

    app.get('/api/invoices/:id/payments', {
      schema: {
        tags,
        summary: 'The payments received on an invoice',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: z.object({ payments: z.array(paymentSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ payments: await services.payments.list(actorOf(req), req.params.id, req.query.purpose) }),
    });

    app.post('/api/invoices/:id/payments', {
      schema: {
        tags,
        summary: 'Record a payment received on an issued invoice; the invoice with its new payment status',
        params: idParam,
        querystring: purposeQuery,
        body: newPaymentSchema,
        response: { 201: z.object({ invoice: invoiceSchema, payment: paymentSchema }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.payments.record(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });
  };
