import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { RegisterService } from './register.service.ts';

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  message: z.string(),
  law: z.string().nullable(),
});

/** What the policy linter finds in the policy in force and the register of recipients (dpo). */
export const policyRoutes =
  (services: { registers: RegisterService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/policy/findings', {
      schema: { tags: ['policy'], summary: 'The linter: where the policy or the register breaks the law, errors first', response: { 200: z.object({ findings: z.array(findingSchema) }), ...errorResponses } },
      handler: async (req) => ({ findings: await services.registers.findings(actorOf(req)) }),
    });
  };
