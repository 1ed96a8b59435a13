import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { administratorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ApiTokenService } from './api-token.service.ts';
import type { Policy } from '../policy/policy.ts';
import { ACCOUNT_BODY_LIMIT } from './account.routes.ts';
import { apiTokenSchema, createdApiTokenSchema, newApiTokenSchema } from './api-token.schema.ts';

export const apiTokenRoutes =
  (services: { apiTokens: ApiTokenService; policy: Policy }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/tokens', {
      schema: {
        tags: ['users'],
        summary: 'API tokens for integrations, newest first (never the tokens themselves)',
        response: { 200: z.object({ tokens: z.array(apiTokenSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ tokens: await services.apiTokens.list(administratorOf(req, services.policy, 'users')) }),
    });

    app.post('/api/tokens', {
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['users'],
        summary: 'Create an API token for a role; the token is in this answer only',
        body: newApiTokenSchema,
        response: { 201: createdApiTokenSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.apiTokens.create(administratorOf(req, services.policy, 'users'), req.body)),
    });

    app.post('/api/tokens/:id/revoke', {
      schema: {
        tags: ['users'],
        summary: 'Revoke an API token at once',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: apiTokenSchema, ...errorResponses },
      },
      handler: async (req) => services.apiTokens.revoke(administratorOf(req, services.policy, 'users'), req.params.id),
    });
  };
