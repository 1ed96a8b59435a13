import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { pendingMigrations } from '../db/migrate.ts';
import type { Database } from '../db/database.ts';

export const healthRoutes =
  (services: { database: Database }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/healthz', {
      schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } },
      handler: async () => ({ status: 'ok' as const }),
    });

    app.get('/readyz', {
      schema: {
        tags: ['health'],
        summary: 'The database answers and its schema is current',
        response: {
          200: z.object({ status: z.string(), database: z.string(), pendingMigrations: z.array(z.string()) }),
          503: z.object({ status: z.string(), database: z.string(), pendingMigrations: z.array(z.string()) }),
        },
      },
      handler: async (_req, reply) => {
        const { db, dialect } = services.database;
        try {
          await sql`select 1`.execute(db);
          const pending = await pendingMigrations(db);
          const ready = pending.length === 0;
          return reply
            .status(ready ? 200 : 503)
            .send({ status: ready ? 'ready' : 'migrations pending', database: dialect, pendingMigrations: pending });
        } catch {
          return reply.status(503).send({ status: 'database unreachable', database: dialect, pendingMigrations: [] });
        }
      },
    });
  };
