import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../services.ts';

export const agreementRoutes =
  (_services: Services): FastifyPluginAsyncZod =>
  async (_app) => {};
