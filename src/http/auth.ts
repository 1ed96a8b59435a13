import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionService } from '../accounts/session.service.ts';
import { forbidden, unauthenticated } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { AdminCapability, Policy } from '../policy/policy.ts';

export const SESSION_COOKIE = 'kluis_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the session cookie, if any, to an actor before any route runs. */
export function installAuthentication(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token.length > 0 && token.length < 100) {
      request.actor = (await sessions.authenticate(token)) ?? null;
    }
  });
  // Authentication before validation: an anonymous caller learns nothing from the API's error messages.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    const isPublic = (request.routeOptions.config as { public?: boolean }).public === true;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && url !== '/api/openapi.json' && !isPublic) {
      actorOf(request);
    }
  });
}

/** The signed-in actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw unauthenticated();
  return request.actor;
}

/** The signed-in actor if their role holds the capability, else 401/403. */
export function administratorOf(request: FastifyRequest, policy: Policy, capability: AdminCapability): Actor {
  const actor = actorOf(request);
  if (!policy.mayAdminister(actor.role, capability)) throw forbidden(`The role ${actor.role} may not manage ${capability}`);
  return actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: new Date(expiresAt),
  });
}
