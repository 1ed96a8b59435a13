import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { KluisError } from '../errors.ts';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: derived from the session token, which only the browser's HttpOnly cookie
 * holds, so it is bound to the session, the same on every instance, and useless to anyone who cannot read
 * the answers of this origin.
 */
export const csrfTokenOf = (sessionToken: string): string =>
  createHash('sha256').update(`kluis-csrf:${sessionToken}`).digest('base64url');

/**
 * Every change made with the session cookie must carry the session's CSRF token in the x-csrf-token header
 * (given by POST and GET /api/session). Another site can make a browser send the cookie, but cannot read
 * the token nor set a header. A bearer token needs none of this: no browser sends it by itself.
 */
export function requireCsrfToken(request: FastifyRequest, sessionToken: string): void {
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new KluisError(
      'csrf_failed',
      `A change made with the session cookie needs the ${CSRF_HEADER} header that POST or GET /api/session gives`,
    );
  }
}

/**
 * Refuses a change sent from another site: an Origin that is neither this host nor KLUIS_PUBLIC_URL, or a
 * browser's own `Sec-Fetch-Site: cross-site`. `Origin: null` passes: our pages send no referrer, and a
 * browser then sends null for its own forms too (the token above still guards what a session may change).
 */
export function refuseCrossSiteChange(request: FastifyRequest, publicUrl: string | undefined): void {
  const origin = request.headers.origin;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw foreignOrigin(origin ?? 'another site');
  if (origin === undefined || origin === 'null') return;
  if (publicUrl !== undefined && origin === new URL(publicUrl).origin) return;
  if (!sameHost(origin, request)) throw foreignOrigin(origin);
}

/** Whether the Origin names the host the request was sent to (the proxy's forwarded host when trusted). */
function sameHost(origin: string, request: FastifyRequest): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.hostname.toLowerCase() !== request.hostname.toLowerCase()) return false;
  // A Host header without a port says nothing about it (a proxy in front may well listen on 443).
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return request.port === null || request.port === port;
}

const foreignOrigin = (origin: string) =>
  new KluisError('foreign_origin', `Changes are accepted only from this site, not from ${origin.slice(0, 200)}`);
