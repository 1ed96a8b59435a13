import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agreementSchema } from '../agreements/agreement.schema.ts';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import { invoiceSchema } from '../invoices/invoice.schema.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { newOrganisationAgreementSchema, newOrganisationInvoiceSchema } from './organisation-records.service.ts';
import type { OrganisationServices } from './organisation-services.ts';
import { organisationViewSchema } from './organisation-view.service.ts';
import {
  contactPatchSchema,
  contactSchema,
  newContactSchema,
  newOrganisationSchema,
  organisationPatchSchema,
  organisationSchema,
  organisationSearchSchema,
  organisationSummarySchema,
} from './organisation.schema.ts';

const contactParams = z.strictObject({ id: z.uuid('must be a UUID'), subjectId: z.uuid('must be a UUID') });

export const organisationRoutes =
  ({ organisations, views, records }: OrganisationServices): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['organisations'];

    app.post('/api/organisations', {
      schema: {
        tags,
        summary: 'Register an organisation as a customer (collect)',
        querystring: purposeQuery,
        body: newOrganisationSchema,
        response: { 201: organisationSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await organisations.create(actorOf(req), req.body, req.query.purpose)),
    });

    app.get('/api/organisations', {
      schema: {
        tags,
        summary: 'Search organisations by name, KvK or VAT number, reference, or a contact person',
        querystring: organisationSearchSchema,
        response: { 200: z.object({ organisations: z.array(organisationSummarySchema) }), ...errorResponses },
      },
      handler: async (req) => ({ organisations: await organisations.search(actorOf(req), req.query) }),
    });

    app.get('/api/organisations/:id', {
      schema: {
        tags,
        summary: 'An organisation with its contact persons, agreements, invoices and cases (the organisation page)',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: organisationViewSchema, ...errorResponses },
      },
      handler: async (req) => views.view(actorOf(req), req.params.id, req.query.purpose),
    });

    app.patch('/api/organisations/:id', {
      schema: {
        tags,
        summary: "Change an organisation's details",
        params: idParam,
        querystring: purposeQuery,
        body: organisationPatchSchema,
        response: { 200: organisationSchema, ...errorResponses },
      },
      handler: async (req) => organisations.update(actorOf(req), req.params.id, req.body, req.query.purpose),
    });

    app.post('/api/organisations/:id/contacts', {
      schema: {
        tags,
        summary: 'Add a contact person: an existing customer, or a new person the organisation gave us',
        params: idParam,
        querystring: purposeQuery,
        body: newContactSchema,
        response: { 201: contactSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await organisations.addContact(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.patch('/api/organisations/:id/contacts/:subjectId', {
      schema: {
        tags,
        summary: "Change a contact person's role",
        params: contactParams,
        querystring: purposeQuery,
        body: contactPatchSchema,
        response: { 200: contactSchema, ...errorResponses },
      },
      handler: async (req) =>
        organisations.updateContact(actorOf(req), req.params.id, req.params.subjectId, req.body, req.query.purpose),
    });

    app.delete('/api/organisations/:id/contacts/:subjectId', {
      schema: {
        tags,
        summary: "End a person's role as contact person (the person stays)",
        params: contactParams,
        querystring: purposeQuery,
        response: { 204: z.null(), ...errorResponses },
      },
      handler: async (req, reply) => {
        await organisations.removeContact(actorOf(req), req.params.id, req.params.subjectId, req.query.purpose);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/organisations/:id/agreements', {
      schema: {
        tags,
        summary: 'Record an agreement or quote of an organisation (collect)',
        params: idParam,
        querystring: purposeQuery,
        body: newOrganisationAgreementSchema,
        response: { 201: agreementSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await records.createAgreement(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });

    app.post('/api/organisations/:id/invoices', {
      schema: {
        tags,
        summary: 'Draft an invoice of an organisation (collect)',
        params: idParam,
        querystring: purposeQuery,
        body: newOrganisationInvoiceSchema,
        response: { 201: invoiceSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await records.createInvoice(actorOf(req), req.params.id, req.body, req.query.purpose)),
    });
  };
