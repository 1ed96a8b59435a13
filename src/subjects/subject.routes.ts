import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { SubjectViewService } from './subject-view.service.ts';
import type { SubjectService } from './subject.service.ts';
import { idParam, purposeQuery } from '../shared/schema.ts';
import { subjectViewSchema } from './subject-view.schema.ts';
import {
  newSubjectSchema,
  subjectPatchSchema,
  subjectSchema,
  subjectSearchSchema,
  subjectSummarySchema,
} from './subject.schema.ts';

export const subjectRoutes =
  (services: { subjectViews: SubjectViewService; subjects: SubjectService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['subjects'];

    app.post('/api/subjects', {
      schema: {
        tags,
        summary: 'Register a data subject (collect)',
        querystring: purposeQuery,
        body: newSubjectSchema,
        response: { 201: subjectSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.subjects.create(actorOf(req), req.body, req.query.purpose)),
    });

    app.get('/api/subjects', {
      schema: {
        tags,
        summary: 'Search subjects by name, e-mail, phone or reference',
        querystring: subjectSearchSchema,
        response: { 200: z.object({ subjects: z.array(subjectSummarySchema) }), ...errorResponses },
      },
      handler: async (req) => ({ subjects: await services.subjects.search(actorOf(req), req.query) }),
    });

    app.get('/api/subjects/:id', {
      schema: {
        tags,
        summary: 'A subject with their contact details',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: subjectSchema, ...errorResponses },
      },
      handler: async (req) => services.subjects.get(actorOf(req), req.params.id, req.query.purpose),
    });

    app.get('/api/subjects/:id/records', {
      schema: {
        tags,
        summary: 'A subject with every record kept about them (the customer page)',
        params: idParam,
        querystring: purposeQuery,
        response: { 200: subjectViewSchema, ...errorResponses },
      },
      handler: async (req) => services.subjectViews.view(actorOf(req), req.params.id, req.query.purpose),
    });

    app.patch('/api/subjects/:id', {
      schema: {
        tags,
        summary: 'Correct or complete a subject (Art. 16)',
        params: idParam,
        querystring: purposeQuery,
        body: subjectPatchSchema,
        response: { 200: subjectSchema, ...errorResponses },
      },
      handler: async (req) => services.subjects.update(actorOf(req), req.params.id, req.body, req.query.purpose),
    });
  };
