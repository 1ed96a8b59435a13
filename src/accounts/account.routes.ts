import { capabilitiesOf } from '../guard/capability.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, administratorOf, SESSION_COOKIE, setSessionCookie } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import type { AccountService } from './account.service.ts';
import type { Policy } from '../policy/policy.ts';
import type { SessionService } from './session.service.ts';
import type { UserService } from './user.service.ts';
import { csrfTokenOf } from '../http/csrf.ts';
import {
  acceptInvitationSchema,
  loginSchema,
  newUserSchema,
  passwordChangeSchema,
  reinviteSchema,
  sessionSchema,
  userSchema,
} from './user.schema.ts';

/** Sign-in and password bodies are small; a megabyte of "password" is an attack on argon2, not a password. */
export const ACCOUNT_BODY_LIMIT = 16 * 1024;

const present = (
  s: {
    actor: { id: string; role: string };
    expiresAt: string;
    csrfToken: string;
    secondFactorPending: boolean;
    passwordChangePending: boolean;
  },
  policy: Policy,
) => ({
  userId: s.actor.id,
  role: s.actor.role,
  expiresAt: s.expiresAt,
  csrfToken: s.csrfToken,
  secondFactorRequired: s.secondFactorPending,
  passwordChangeRequired: s.passwordChangePending,
  capabilities: capabilitiesOf(policy, s.actor.role),
});

export const accountRoutes =
  (
    services: { accounts: AccountService; policy: Policy; sessions: SessionService; users: UserService },
    options: { secureCookies: boolean },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/session', {
      config: { public: true },
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['session'],
        summary:
          'Sign in (with the code of the second factor when the account has one); sets an HttpOnly session cookie and gives the CSRF token',
        body: loginSchema,
        response: { 200: sessionSchema, ...errorResponses, 429: errorSchema },
      },
      handler: async (req, reply) => {
        const session = await services.sessions.login({ ...req.body, ip: req.ip });
        setSessionCookie(req, reply, session.token, session.expiresAt, options.secureCookies);
        return present(session, services.policy);
      },
    });

    app.get('/api/session', {
      config: { enrolment: true, passwordChange: true },
      schema: {
        tags: ['session'],
        summary: 'Who is signed in, and the CSRF token of the session (null for an API token)',
        response: {
          200: z.object({
            userId: z.string(),
            role: z.string(),
            csrfToken: z.string().nullable(),
            secondFactorRequired: z.boolean(),
            passwordChangeRequired: z.boolean(),
            /** What the back office may offer: administration capabilities and work (capability.ts). */
            capabilities: z.array(z.string()),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        const actor = actorOf(req);
        return {
          userId: actor.id,
          role: actor.role,
          csrfToken: req.sessionToken === null ? null : csrfTokenOf(req.sessionToken),
          secondFactorRequired: req.secondFactorPending,
          passwordChangeRequired: req.passwordChangePending,
          capabilities: capabilitiesOf(services.policy, actor.role),
        };
      },
    });

    app.delete('/api/session', {
      config: { public: true, csrf: true, enrolment: true, passwordChange: true },
      schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), 403: errorSchema } },
      handler: async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token !== undefined) await services.sessions.logout(token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.post('/api/account/password', {
      config: { passwordChange: true },
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['session'],
        summary: 'Change your own password: every session of the account ends, this one is renewed (new cookie and CSRF token)',
        body: passwordChangeSchema,
        response: { 200: sessionSchema, ...errorResponses, 429: errorSchema },
      },
      handler: async (req, reply) => {
        const session = await services.accounts.changePassword(actorOf(req), req.body);
        setSessionCookie(req, reply, session.token, session.expiresAt, options.secureCookies);
        return present(session, services.policy);
      },
    });

    app.get('/api/account', {
      schema: {
        tags: ['session'],
        summary: 'Your own account: name, role, and whether it has a second factor',
        response: { 200: userSchema, ...errorResponses },
      },
      handler: async (req) => services.users.own(actorOf(req)),
    });

    app.get('/api/users', {
      schema: {
        tags: ['users'],
        summary: 'List staff accounts',
        response: { 200: z.object({ users: z.array(userSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ users: await services.users.list(administratorOf(req, services.policy, 'users')) }),
    });

    app.post('/api/users', {
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['users'],
        summary:
          'Create a staff account: with a password, which its owner must change at the first sign-in, or without one, to invite the person by mail to choose their own',
        body: newUserSchema,
        response: { 201: userSchema, ...errorResponses },
      },
      // The dpo chose this password, so it is the dpo's too until its owner replaces it.
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await services.users.add(administratorOf(req, services.policy, 'users'), req.body, { temporary: true })),
    });

    app.post('/api/users/:id/invitation', {
      schema: {
        tags: ['users'],
        summary: 'Invite the person again by mail (an earlier invitation stops working)',
        params: z.strictObject({ id: z.uuid() }),
        body: reinviteSchema,
        response: { 200: userSchema, ...errorResponses },
      },
      handler: async (req) =>
        services.users.reinvite(administratorOf(req, services.policy, 'users'), req.params.id, req.body.language),
    });

    app.post('/api/invitations/accept', {
      config: { public: true },
      bodyLimit: ACCOUNT_BODY_LIMIT,
      schema: {
        tags: ['session'],
        summary: 'Choose your password with the token of an invitation mail; then sign in with it',
        body: acceptInvitationSchema,
        response: { 204: z.null(), ...errorResponses },
      },
      handler: async (req, reply) => {
        await services.users.acceptInvitation(req.body);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/users/:id/disable', {
      schema: {
        tags: ['users'],
        summary: 'Disable an account and end its sessions',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: userSchema, ...errorResponses },
      },
      handler: async (req) => services.users.disable(administratorOf(req, services.policy, 'users'), req.params.id),
    });
  };
