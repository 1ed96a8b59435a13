import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { DisclosureServices } from './disclosure-services.ts';
import { idParam } from '../shared/schema.ts';
import {
  confirmationSchema,
  impossibilitySchema,
  noticeQuery,
  noticeListPageSchema,
  recipientNoticeListSchema,
  recipientNoticeSchema,
} from './recipient-notice.schema.ts';

/** Art. 19 notices to recipients, tracked until confirmed or found impossible. */
export const recipientNoticeRoutes =
  (services: { disclosures: DisclosureServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['disclosures'];
    const notices = services.disclosures.recipientNotices;

    app.get('/api/subjects/:id/recipient-notices', {
      schema: {
        tags,
        summary: "The Art. 19 notices about a subject's data, oldest first",
        params: idParam,
        response: { 200: recipientNoticeListSchema, ...errorResponses },
      },
      handler: async (req) => ({ notices: await notices.listForSubject(actorOf(req), req.params.id) }),
    });

    app.get('/api/recipient-notices', {
      schema: {
        tags,
        summary: 'Art. 19 notices a page at a time, in a status, queued by default: what still waits for the recipient (dpo)',
        querystring: noticeQuery,
        response: { 200: noticeListPageSchema, ...errorResponses },
      },
      handler: async (req) => notices.list(actorOf(req), req.query),
    });

    app.post('/api/recipient-notices/:id/confirm', {
      schema: {
        tags,
        summary: 'Record that the recipient confirmed it acted on the notice',
        params: idParam,
        body: confirmationSchema.nullish(),
        response: { 200: recipientNoticeSchema, ...errorResponses },
      },
      handler: async (req) => notices.confirm(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/recipient-notices/:id/impossible', {
      schema: {
        tags,
        summary: 'Record that telling the recipient proved impossible or disproportionate, with the reason (dpo; Art. 19)',
        params: idParam,
        body: impossibilitySchema,
        response: { 200: recipientNoticeSchema, ...errorResponses },
      },
      handler: async (req) => notices.markImpossible(actorOf(req), req.params.id, req.body),
    });
  };
