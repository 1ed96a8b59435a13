import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { errorResponses, errorSchema } from '../../http/error.schema.ts';
import type { Services } from '../../services.ts';
import { idParam, purposeQuery } from '../../shared/schema.ts';
import { accessPackageSchema, tokenParam } from './access-package.schema.ts';
import { erasureHistorySchema, erasurePreviewSchema } from './erasure-preview.schema.ts';
import { objectionListSchema } from './objection.schema.ts';
import { liftAnnouncementSchema, restrictionListSchema, restrictionSchema } from './restriction.schema.ts';

const zipContent = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** The routes of carried-out rights: the access package (Art. 15), finding and lifting restrictions (Art. 18). */
export const executionRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { accessPackages, restrictions, objections, erasures } = services.rightsExecution;

    app.get('/api/requests/:id/access-packages', {
      schema: { tags: ['rights'], summary: 'The access packages built for a request, to review and release (Art. 15)', params: idParam, response: { 200: z.object({ packages: z.array(accessPackageSchema) }), ...errorResponses } },
      handler: async (req) => ({ packages: await accessPackages.listForRequest(actorOf(req), req.params.id) }),
    });

    app.get('/api/access-packages/:id/content', {
      schema: {
        tags: ['rights'],
        summary: 'The access package zip, for the review before release (Art. 15(4))',
        params: idParam,
        response: { 200: { description: 'The zip', content: { 'application/zip': { schema: zipContent } } }, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { filename, content } = await accessPackages.contentForReview(actorOf(req), req.params.id);
        return reply.type('application/zip').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(content);
      },
    });

    app.post('/api/access-packages/:id/release', {
      schema: { tags: ['rights'], summary: 'Release a reviewed access package: the link goes to the requester (Art. 15)', params: idParam, response: { 200: accessPackageSchema, ...errorResponses } },
      handler: async (req) => accessPackages.release(actorOf(req), req.params.id),
    });

    app.get('/api/requests/:id/erasure-preview', {
      schema: { tags: ['rights'], summary: 'What deciding an erasure request would delete and keep today, with the ground and date of each kept record (a dry run, Art. 17(3))', params: idParam, response: { 200: erasurePreviewSchema, ...errorResponses } },
      handler: async (req) => erasures.forRequest(actorOf(req), req.params.id),
    });

    app.get('/api/subjects/:id/erasures', {
      schema: { tags: ['rights'], summary: "A person's granted erasure requests and what is kept now, why and until when (Art. 17)", params: idParam, response: { 200: erasureHistorySchema, ...errorResponses } },
      handler: async (req) => erasures.forSubject(actorOf(req), req.params.id),
    });

    app.get('/api/subjects/:id/restrictions', {
      schema: { tags: ['rights'], summary: "A person's restrictions of processing, active and lifted, newest first (Art. 18)", params: idParam, querystring: purposeQuery, response: { 200: restrictionListSchema, ...errorResponses } },
      handler: async (req) => restrictions.listForSubject(actorOf(req), req.params.id, req.query.purpose),
    });

    app.get('/api/subjects/:id/objections', {
      schema: { tags: ['rights'], summary: "A person's objections per purpose, pending and decided, newest first (Art. 21)", params: idParam, querystring: purposeQuery, response: { 200: objectionListSchema, ...errorResponses } },
      handler: async (req) => objections.listForSubject(actorOf(req), req.params.id, req.query.purpose),
    });

    app.post('/api/restrictions/:id/lift', {
      schema: {
        tags: ['rights'],
        summary: 'Announce lifting a restriction: the person is told first, and it is lifted once that notice was delivered and the lead time passed (Art. 18(3))',
        params: idParam,
        body: liftAnnouncementSchema,
        response: { 200: restrictionSchema, ...errorResponses },
      },
      handler: async (req) => restrictions.announceLift(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/restrictions/:id/keep', {
      schema: { tags: ['rights'], summary: 'Withdraw an announced lifting: the restriction stands (Art. 18)', params: idParam, response: { 200: restrictionSchema, ...errorResponses } },
      handler: async (req) => restrictions.keep(actorOf(req), req.params.id),
    });

    app.post('/api/public/packages/:token/code', {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Send a one-time code to the address on file, needed to download the access package',
        security: [],
        params: tokenParam,
        response: { 202: z.object({ sent: z.literal(true) }), 400: errorSchema, 404: errorSchema, 409: errorSchema, 410: errorSchema, 429: errorSchema },
      },
      handler: async (req, reply) => {
        await accessPackages.sendCode(req.params.token, req.ip);
        return reply.status(202).send({ sent: true });
      },
    });
  };
