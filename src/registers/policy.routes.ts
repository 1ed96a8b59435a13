import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { Policy } from '../policy/policy.ts';
import type { RegisterService } from './register.service.ts';

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  message: z.string(),
  law: z.string().nullable(),
});

const categorySchema = z.object({ id: z.string(), label: z.object({ nl: z.string(), en: z.string() }) });

/** What the policy linter finds in the policy in force and the register of recipients (dpo). */
export const policyRoutes =
  (services: { registers: RegisterService; policy: Policy }): FastifyPluginAsyncZod =>
  async (app) => {
    // The data categories by their labels, for the forms that name categories (a breach, a legal demand): nobody
    // types an internal id (issue 19). Words of the policy, no personal data; every signed-in role may read them.
    app.get('/api/policy/categories', {
      schema: {
        tags: ['policy'],
        summary: "The policy's data categories with their labels in Dutch and English",
        response: { 200: z.object({ categories: z.array(categorySchema) }), ...errorResponses },
      },
      handler: async (req) => {
        actorOf(req);
        return {
          categories: Object.entries(services.policy.document.categories).map(([id, label]) => ({
            id,
            label: { nl: label.nl, en: label.en },
          })),
        };
      },
    });

    // Purposes and retention rules by their words, for every page that names one (the processing log, retention,
    // requests): the policy's own labels in both languages, never its ids. A rule is called by its reason.
    app.get('/api/policy/labels', {
      schema: {
        tags: ['policy'],
        summary: "The policy's purposes, retention rules and data categories with their labels in Dutch and English",
        response: {
          200: z.object({
            purposes: z.array(categorySchema),
            rules: z.array(categorySchema),
            categories: z.array(categorySchema),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        actorOf(req);
        const document = services.policy.document;
        const words = (text: { nl: string; en: string }) => ({ nl: text.nl, en: text.en });
        return {
          purposes: Object.entries(document.purposes).map(([id, p]) => ({ id, label: words(p.name) })),
          rules: document.retention.map((r) => ({ id: r.id, label: words(r.reason) })),
          categories: Object.entries(document.categories).map(([id, label]) => ({ id, label: words(label) })),
        };
      },
    });

    app.get('/api/policy/findings', {
      schema: {
        tags: ['policy'],
        summary: 'The linter: where the policy or the register breaks the law, errors first',
        response: { 200: z.object({ findings: z.array(findingSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ findings: await services.registers.findings(actorOf(req)) }),
    });
  };
