import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { CompanyService } from './company.service.ts';
import type { RecipientService } from './recipient.service.ts';
import {
  companyParams,
  companyPatchSchema,
  newCompanySchema,
  newProcessorAgreementSchema,
  newRecipientSchema,
  recipientDetailSchema,
  recipientIdParam,
  recipientPatchSchema,
  recipientSchema,
} from './recipient.schema.ts';

/** The register of recipients (P7): read by every signed-in role, kept by the dpo. */
export const recipientRoutes =
  (services: { companies: CompanyService; recipients: RecipientService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['registers'];
    const recipients = services.recipients;

    app.get('/api/registers/recipients', {
      schema: {
        tags,
        summary: 'The register of recipients, active and retired, with the processor agreement in force',
        response: { 200: z.object({ recipients: z.array(recipientSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ recipients: await recipients.list(actorOf(req)) }),
    });

    app.get('/api/registers/recipients/:id', {
      schema: {
        tags,
        summary: 'One recipient with its history and every processor agreement',
        params: recipientIdParam,
        response: { 200: recipientDetailSchema, ...errorResponses },
      },
      handler: async (req) => recipients.get(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients', {
      schema: {
        tags,
        summary: 'Add a recipient to the register (dpo)',
        body: newRecipientSchema,
        response: { 201: recipientSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await recipients.create(actorOf(req), req.body)),
    });

    app.patch('/api/registers/recipients/:id', {
      schema: {
        tags,
        summary: 'Change a recipient (dpo); the previous state stays in its history',
        params: recipientIdParam,
        body: recipientPatchSchema,
        response: { 200: recipientSchema, ...errorResponses },
      },
      handler: async (req) => recipients.update(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/registers/recipients/:id/retire', {
      schema: {
        tags,
        summary: 'Take a recipient out of use (dpo); it is never deleted',
        params: recipientIdParam,
        response: { 200: recipientSchema, ...errorResponses },
      },
      handler: async (req) => recipients.retire(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients/:id/reactivate', {
      schema: {
        tags,
        summary: 'Put a retired recipient back in use (dpo)',
        params: recipientIdParam,
        response: { 200: recipientSchema, ...errorResponses },
      },
      handler: async (req) => recipients.reactivate(actorOf(req), req.params.id),
    });

    app.post('/api/registers/recipients/:id/agreements', {
      schema: {
        tags,
        summary: 'Record a processor agreement (Art. 28(3)); it supersedes the one in force',
        params: recipientIdParam,
        body: newProcessorAgreementSchema,
        response: { 201: recipientSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await recipients.recordAgreement(actorOf(req), req.params.id, req.body)),
    });

    // The companies of a category (P9): who actually receives the data, by legal name and KvK number.
    const companies = services.companies;
    const one = { params: companyParams, response: { 200: recipientSchema, ...errorResponses } };

    app.post('/api/registers/recipients/:id/companies', {
      schema: {
        tags,
        summary:
          'Add a company to a recipient category (dpo): legal name, KvK number, country, processor or independent controller',
        params: recipientIdParam,
        body: newCompanySchema,
        response: { 201: recipientSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await companies.add(actorOf(req), req.params.id, req.body)),
    });

    app.patch('/api/registers/recipients/:id/companies/:companyId', {
      schema: {
        tags,
        summary: 'Change a company (dpo); the history of its category says from what to what',
        ...one,
        body: companyPatchSchema,
      },
      handler: async (req) => companies.update(actorOf(req), req.params, req.body),
    });

    app.post('/api/registers/recipients/:id/companies/:companyId/retire', {
      schema: { tags, summary: 'Take a company out of use (dpo); it is never deleted', ...one },
      handler: async (req) => companies.retire(actorOf(req), req.params),
    });

    app.post('/api/registers/recipients/:id/companies/:companyId/reactivate', {
      schema: { tags, summary: 'Put a retired company back in use (dpo)', ...one },
      handler: async (req) => companies.reactivate(actorOf(req), req.params),
    });

    app.post('/api/registers/recipients/:id/companies/:companyId/agreements', {
      schema: {
        tags,
        summary: "Record a processor agreement with a company (Art. 28(3)); it supersedes the company's agreement in force",
        params: companyParams,
        body: newProcessorAgreementSchema,
        response: { 201: recipientSchema, ...errorResponses },
      },
      handler: async (req, reply) => reply.status(201).send(await companies.recordAgreement(actorOf(req), req.params, req.body)),
    });
  };
