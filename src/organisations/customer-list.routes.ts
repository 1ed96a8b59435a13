import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { CustomerListService } from './customer-list.service.ts';
import { customerListQuery, customerListSchema } from './customer-list.schema.ts';

export const customerListRoutes =
  ({ customers }: { customers: CustomerListService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/customers', {
      schema: {
        tags: ['subjects'],
        summary: 'Customers, persons and organisations, a page at a time: searched, filtered by kind, sorted',
        querystring: customerListQuery,
        response: { 200: customerListSchema, ...errorResponses },
      },
      handler: async (req) => customers.list(actorOf(req), req.query),
    });
  };
