import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KluisError, unauthenticated } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { AdminCapability, Policy } from '../policy/policy.ts';
import { refuseCrossSiteChange, requireCsrfToken } from './csrf.ts';
import { requireCapability } from '../guard/capability.ts';

export const SESSION_COOKIE = 'kluis_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session token when the request was authenticated by the session cookie: CSRF protection applies. */
    sessionToken: string | null;
    /** The account must confirm a second factor first; until then only the enrolment routes answer. */
    secondFactorPending: boolean;
    /** The password was chosen by someone else; until it is changed only the password change answers. */
    passwordChangePending: boolean;
  }
}

/** What a route says about who may call it (its `config`). */
export interface RouteAccess {
  /** No sign-in needed (the portal, the sign-in itself). */
  public?: boolean;
  /** A public route that still acts on the session of its cookie (signing out): CSRF protection applies. */
  csrf?: boolean;
  /** Open to a session whose account must still enrol a second factor. */
  enrolment?: boolean;
  /** Open to a session whose account must still replace a password someone else chose. */
  passwordChange?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A token is `kluis_` and 43 base64url characters; anything much longer is not one of ours.
const BEARER = /^Bearer ([A-Za-z0-9_-]{1,100})$/;

/**
 * Who resolves a session cookie and a bearer token to an actor: the accounts' session and API token services
 * (src/accounts/), given by the app, so the transport does not depend on them.
 */
export interface Authenticators {
  sessions: {
    authenticate(
      token: string,
    ): Promise<{ actor: Actor; secondFactorPending: boolean; passwordChangePending: boolean } | undefined>;
  };
  apiTokens: { authenticate(token: string): Promise<Actor | undefined> };
  /** KLUIS_PUBLIC_URL: an Origin equal to it is ours, whatever the Host header says behind a proxy. */
  publicUrl?: string | undefined;
}

/** Resolves the bearer token or the session cookie, if any, to an actor before any route runs. */
export function installAuthentication(app: FastifyInstance, { sessions, apiTokens, publicUrl }: Authenticators): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('secondFactorPending', false);
  app.decorateRequest('passwordChangePending', false);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // A request with a token is judged by the token alone; a cookie it may also carry is not used.
      const token = BEARER.exec(authorization)?.[1];
      request.actor = token === undefined ? null : ((await apiTokens.authenticate(token)) ?? null);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token.length > 0 && token.length < 100) {
      const session = await sessions.authenticate(token);
      if (session !== undefined) {
        request.actor = session.actor;
        request.sessionToken = token;
        request.secondFactorPending = session.secondFactorPending;
        request.passwordChangePending = session.passwordChangePending;
      }
    }
  });
  // Authentication before validation: an anonymous caller learns nothing from the API's error messages.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    const access = request.routeOptions.config as RouteAccess;
    const isPublic = access.public === true;
    const changes = !SAFE_METHODS.has(request.method);
    if (changes) refuseCrossSiteChange(request, publicUrl);
    const guarded = url.startsWith('/api/') && !url.startsWith('/api/docs') && url !== '/api/openapi.json' && !isPublic;
    if (guarded) actorOf(request);
    if (changes && request.sessionToken !== null && (guarded || access.csrf === true))
      requireCsrfToken(request, request.sessionToken);
    // First the password the person did not choose, then the second factor: enrolling with a password someone
    // else knows would bind the factor to an account that is not yet only theirs.
    if (guarded && request.passwordChangePending && access.passwordChange !== true) {
      throw new KluisError(
        'password_change_required',
        'Your password was set by someone else: choose your own first (POST /api/account/password)',
      );
    }
    if (guarded && request.secondFactorPending && access.enrolment !== true) {
      throw new KluisError(
        'second_factor_required',
        'Your role signs in with a second factor: enrol one first (POST /api/account/second-factor)',
      );
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
  requireCapability(policy, actor, capability, `manage ${capability}`);
  return actor;
}

/** The session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS (directly or behind a trusted proxy). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure || request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}
