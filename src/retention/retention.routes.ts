import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ErasureLedgerService } from './erasure-ledger.ts';
import type { LegalHoldService } from './legal-hold.service.ts';
import type { RetentionService } from './sweep.ts';
import { idParam } from '../shared/schema.ts';
import { ledgerPageSchema, ledgerQuerySchema } from './erasure-ledger.ts';
import { holdListQuery, holdListSchema, holdReleaseSchema, holdSchema, newHoldSchema } from './legal-hold.schema.ts';

export const retentionRoutes =
  (services: {
    erasureLedger: ErasureLedgerService;
    legalHolds: LegalHoldService;
    retention: RetentionService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['retention'];

    app.post('/api/subjects/:id/holds', {
      schema: {
        tags,
        summary: 'Place a legal hold on a subject or one of their records (Art. 17(3)(e))',
        params: idParam,
        body: newHoldSchema,
        response: { 201: holdSchema, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await services.legalHolds.place(actorOf(req), req.params.id, req.body)),
    });

    app.get('/api/subjects/:id/holds', {
      schema: {
        tags,
        summary: "A subject's legal holds, released ones too",
        params: idParam,
        response: { 200: z.object({ holds: z.array(holdSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ holds: await services.legalHolds.list(actorOf(req), req.params.id) }),
    });

    app.get('/api/holds', {
      schema: {
        tags,
        summary: 'The legal holds on every customer a page at a time, by state, review due or customer; newest first',
        querystring: holdListQuery,
        response: { 200: holdListSchema, ...errorResponses },
      },
      handler: async (req) => services.legalHolds.listAll(actorOf(req), req.query),
    });

    app.post('/api/holds/:id/release', {
      schema: {
        tags,
        summary: 'Release a legal hold, with the reason',
        params: idParam,
        body: holdReleaseSchema,
        response: { 200: holdSchema, ...errorResponses },
      },
      handler: async (req) => services.legalHolds.release(actorOf(req), req.params.id, req.body),
    });

    app.get('/api/erasure-ledger', {
      schema: {
        tags,
        summary: 'Every record deleted by erasure or retention, as opaque ids, oldest first',
        querystring: ledgerQuerySchema,
        response: { 200: ledgerPageSchema, ...errorResponses },
      },
      handler: async (req) => services.erasureLedger.list(actorOf(req), req.query),
    });

    app.get('/api/retention/forecast', {
      schema: {
        tags,
        summary:
          'What the retention sweep will delete in the coming days, per rule and date, and whose contact details it will remove',
        querystring: z.strictObject({ days: z.enum(['30', '90', '365']).default('30'), asOf: asOfQuery }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            rules: z.array(z.object({ rule: z.string(), total: z.number(), dates: datesSchema })),
            reductions: z.object({ total: z.number(), dates: datesSchema }),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => services.retention.forecast(actorOf(req), Number(req.query.days), { asOf: req.query.asOf }),
    });

    app.get('/api/retention/dry-run', {
      schema: {
        tags,
        summary:
          'Exactly what the next retention sweep (or one on the asOf day) would delete (the first 1000 records) and whose contact details it would remove, changing nothing',
        querystring: z.strictObject({ asOf: asOfQuery }),
        response: { 200: dryRunSchema, ...errorResponses },
      },
      handler: async (req) => {
        const report = await services.retention.dryRunFor(actorOf(req), { asOf: req.query.asOf });
        return {
          today: report.today,
          subjects: report.subjects,
          total: report.due.length,
          truncated: report.due.length > DRY_RUN_LIMIT || report.reduced.length > DRY_RUN_LIMIT,
          due: report.due.slice(0, DRY_RUN_LIMIT),
          subjectsToRemove: report.subjectsToRemove.length,
          subjectsToReduce: report.reduced.length,
          reduce: report.reduced.slice(0, DRY_RUN_LIMIT),
        };
      },
    });

    app.post('/api/retention/run', {
      schema: {
        tags,
        summary: 'Run the retention sweep now (it also runs daily)',
        response: { 200: sweepResultSchema, ...errorResponses },
      },
      handler: async (req) => {
        const report = await services.retention.runFor(actorOf(req));
        return { today: report.today, subjects: report.subjects, deleted: report.deleted, reduced: report.reduced.length };
      },
    });
  };

const DRY_RUN_LIMIT = 1000;
/** A day to read the forecast or dry run as if it were today, YYYY-MM-DD; checked by the service (as_of_invalid). */
const asOfQuery = z.string().max(20).optional();
const datesSchema = z.array(z.object({ date: z.string(), count: z.number() }));
const dryRunSchema = z.object({
  today: z.string(),
  subjects: z.number(),
  total: z.number(),
  truncated: z.boolean(),
  due: z.array(
    z.object({
      recordType: z.enum(['agreement', 'invoice', 'case', 'consent']),
      id: z.string(),
      subjectId: z.string(),
      rule: z.string(),
      until: z.string(),
    }),
  ),
  subjectsToRemove: z.number(),
  /** Persons of whom only fiscal records are left: their contact details would go (the first 1000 listed). */
  subjectsToReduce: z.number(),
  reduce: z.array(z.object({ subjectId: z.string(), since: z.string() })),
});
const sweepResultSchema = z.object({
  today: z.string(),
  subjects: z.number(),
  deleted: z.object({
    agreement: z.number(),
    invoice: z.number(),
    case: z.number(),
    consent: z.number(),
    message: z.number(),
    subject: z.number(),
    /** Sole traders and partnerships with nothing left, removed with their owners' records. */
    organisation: z.number(),
  }),
  /** Persons whose contact details were removed, only fiscal records being left of them. */
  reduced: z.number(),
});
