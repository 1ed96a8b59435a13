import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { errorResponses, errorSchema } from '../../http/error.schema.ts';
import type { RightsServices } from '../rights-services.ts';
import { idParam } from '../../shared/schema.ts';
import { accessPackageSchema, packageListQuery, packageListSchema, tokenParam } from './access-package.schema.ts';

const zipContent = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** The routes of the access package (Art. 15): review and release by the dpo, the person's download code. */
export const accessPackageRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { accessPackages } = services.rights;

    app.get('/api/access-packages', {
      schema: {
        tags: ['rights'],
        summary: 'The access packages of every request a page at a time, by review status and kind; oldest first',
        querystring: packageListQuery,
        response: { 200: packageListSchema, ...errorResponses },
      },
      handler: async (req) => accessPackages.list(actorOf(req), req.query),
    });

    app.get('/api/requests/:id/access-packages', {
      schema: {
        tags: ['rights'],
        summary: 'The access packages built for a request, to review and release (Art. 15)',
        params: idParam,
        response: { 200: z.object({ packages: z.array(accessPackageSchema) }), ...errorResponses },
      },
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
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(content);
      },
    });

    app.post('/api/access-packages/:id/release', {
      schema: {
        tags: ['rights'],
        summary: 'Release a reviewed access package: the link goes to the requester (Art. 15)',
        params: idParam,
        response: { 200: accessPackageSchema, ...errorResponses },
      },
      handler: async (req) => accessPackages.release(actorOf(req), req.params.id),
    });

    app.post('/api/public/packages/:token/code', {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Send a one-time code to the address on file, needed to download the access package',
        security: [],
        params: tokenParam,
        response: {
          202: z.object({ sent: z.literal(true) }),
          400: errorSchema,
          404: errorSchema,
          409: errorSchema,
          410: errorSchema,
          429: errorSchema,
        },
      },
      handler: async (req, reply) => {
        await accessPackages.sendCode(req.params.token, req.ip);
        return reply.status(202).send({ sent: true });
      },
    });
  };
