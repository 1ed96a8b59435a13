import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import type { SecondFactorService } from './second-factor.service.ts';
import { ACCOUNT_BODY_LIMIT } from './account.routes.ts';
import { codeSchema } from './user.schema.ts';

const codeBody = z.strictObject({ code: codeSchema });
const recoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).describe('Shown this once: keep them on paper, each works once'),
});

/** Enrolling a second factor (TOTP); open to a session that must still enrol one. */
export const secondFactorRoutes =
  (services: { secondFactor: SecondFactorService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/account/second-factor', {
      config: { enrolment: true },
      schema: {
        tags: ['session'],
        summary: 'Start enrolling a second factor: the secret and otpauth:// URI for the authenticator app, shown this once',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }), ...errorResponses },
      },
      handler: async (req) => services.secondFactor.start(actorOf(req)),
    });

    app.post('/api/account/second-factor/confirm', {
      config: { enrolment: true },
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['session'],
        summary: 'Confirm the second factor with a code of the app; gives the recovery codes, shown this once',
        body: codeBody,
        response: { 200: recoveryCodes, ...errorResponses },
      },
      handler: async (req) => services.secondFactor.confirm(actorOf(req), req.body.code),
    });

    app.post('/api/account/second-factor/recovery-codes', {
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['session'],
        summary: 'New recovery codes instead of the old ones, with a current code of the app',
        body: codeBody,
        response: { 200: recoveryCodes, ...errorResponses, 429: errorSchema },
      },
      handler: async (req) => services.secondFactor.renewRecoveryCodes(actorOf(req), req.body.code),
    });
  };
