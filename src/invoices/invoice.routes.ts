import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../services.ts';

export const invoiceRoutes =
  (_services: Services): FastifyPluginAsyncZod =>
  async (_app) => {};
