import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { StatementService } from './statement.service.ts';
import {
  previewQuerySchema,
  previewSchema,
  publishInputSchema,
  publishResultSchema,
  statementVersionSchema,
} from './statement.schema.ts';

/** The back office's API for the statement; the public pages are in privacy.routes.ts. */
export const statementRoutes =
  (services: { statement: StatementService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['statement'];

    app.post('/api/statement/publish', {
      schema: {
        tags,
        summary: 'Publish the statement generated from the policy as a new version (dpo); unchanged text publishes nothing',
        body: publishInputSchema.nullish(),
        response: { 200: publishResultSchema, 201: publishResultSchema, ...errorResponses },
      },
      handler: async (req, reply) => {
        const result = await services.statement.publish(actorOf(req), req.body ?? {});
        return reply.status(result.published ? 201 : 200).send(result);
      },
    });

    app.get('/api/statement/versions', {
      schema: {
        tags,
        summary: 'Every published version of the statement, newest first',
        response: { 200: z.object({ versions: z.array(statementVersionSchema) }), ...errorResponses },
      },
      handler: async (req) => {
        actorOf(req);
        return { versions: await services.statement.list() };
      },
    });

    app.get('/api/statement/preview', {
      schema: {
        tags,
        summary: 'The statement as the policy and register would publish it now (dpo)',
        querystring: previewQuerySchema,
        response: { 200: previewSchema, ...errorResponses },
      },
      handler: async (req) => services.statement.preview(actorOf(req), req.query),
    });
  };
