import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { StatisticsService } from './statistics.service.ts';
import { deletionsPerMonthSchema, requestsPerMonthSchema, statisticsQuerySchema } from './statistics.schema.ts';

/** Counts for the dashboard's plots: aggregated per month, no personal data. */
export const statisticsRoutes =
  (services: { statistics: StatisticsService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['statistics'];

    app.get('/api/statistics/requests-per-month', {
      schema: {
        tags,
        summary: 'Requests received per month, how many were answered, late, and the days to answer (Art. 12(3))',
        querystring: statisticsQuerySchema,
        response: { 200: requestsPerMonthSchema, ...errorResponses },
      },
      handler: async (req) => services.statistics.requestsPerMonth(actorOf(req), req.query),
    });

    app.get('/api/statistics/deletions-per-month', {
      schema: {
        tags,
        summary: 'Records deleted per month by erasure and by retention, from the erasure ledger',
        querystring: statisticsQuerySchema,
        response: { 200: deletionsPerMonthSchema, ...errorResponses },
      },
      handler: async (req) => services.statistics.deletionsPerMonth(actorOf(req), req.query),
    });
  };
