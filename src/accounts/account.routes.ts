import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, administratorOf, SESSION_COOKIE, setSessionCookie } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { Services } from '../services.ts';
import { loginSchema, newUserSchema, userSchema } from './user.schema.ts';

export const accountRoutes =
  (services: Services, options: { secureCookies: boolean }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/session', {
      config: { public: true },
      schema: { tags: ['session'], summary: 'Sign in; sets an HttpOnly session cookie', body: loginSchema, response: { 200: z.object({ userId: z.string(), role: z.string(), expiresAt: z.string() }), ...errorResponses } },
      handler: async (req, reply) => {
        const session = await services.sessions.login(req.body.email, req.body.password);
        setSessionCookie(reply, session.token, session.expiresAt, options.secureCookies);
        return { userId: session.actor.id, role: session.actor.role, expiresAt: session.expiresAt };
      },
    });

    app.get('/api/session', {
      schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: z.object({ userId: z.string(), role: z.string() }), ...errorResponses } },
      handler: async (req) => {
        const actor = actorOf(req);
        return { userId: actor.id, role: actor.role };
      },
    });

    app.delete('/api/session', {
      config: { public: true },
      schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } },
      handler: async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token !== undefined) await services.sessions.logout(token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.get('/api/users', {
      schema: { tags: ['users'], summary: 'List staff accounts', response: { 200: z.object({ users: z.array(userSchema) }), ...errorResponses } },
      handler: async (req) => ({ users: await services.users.list(administratorOf(req, services.policy, 'users')) }),
    });

    app.post('/api/users', {
      schema: { tags: ['users'], summary: 'Create a staff account', body: newUserSchema, response: { 201: userSchema, ...errorResponses } },
      handler: async (req, reply) => reply.status(201).send(await services.users.add(administratorOf(req, services.policy, 'users'), req.body)),
    });

    app.post('/api/users/:id/disable', {
      schema: { tags: ['users'], summary: 'Disable an account and end its sessions', params: z.strictObject({ id: z.uuid() }), response: { 200: userSchema, ...errorResponses } },
      handler: async (req) => services.users.disable(administratorOf(req, services.policy, 'users'), req.params.id),
    });
  };
