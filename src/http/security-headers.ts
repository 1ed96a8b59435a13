import type { FastifyInstance } from 'fastify';

/** The API answers JSON: nothing in it may load, run, be framed or post anywhere. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The API documentation (Swagger UI): its own scripts and styles only, no inline script. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// One year; browsers then refuse plain HTTP to this host (and its subdomains) for that long.
const HSTS = 'max-age=31536000; includeSubDomains';

// The back office's built files: their names carry a hash of their content, and they hold no personal data.
const STATIC_ASSETS = '/app/assets/';

/** A built file of the back office that was found: the one kind of answer a browser or proxy may keep. */
const isStaticAsset = (url: string, status: number): boolean => url.startsWith(STATIC_ASSETS) && status < 400;

/**
 * Security headers on every response, errors included. A page that sets its own Content-Security-Policy
 * (the statement, the request form, an attachment) keeps it, with `frame-ancestors 'none'` added when it
 * lacks one. HSTS only when the request came over TLS, directly or through a trusted proxy that says so
 * (`x-forwarded-proto: https` with KLUIS_TRUST_PROXY): over plain HTTP the header would mean nothing.
 * Nothing but the back office's hashed files may be kept by a browser or a proxy (`no-store`, and `Pragma` for
 * HTTP/1.0 caches): an answer with a person's data, an access package or an export left in a shared cache or on
 * a shared computer's disk is out of the controller's hands (Art. 5(1)(f), 32(1)(b) AVG).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const csp = reply.getHeader('content-security-policy');
    if (csp === undefined) void reply.header('content-security-policy', API_CSP);
    else if (!String(csp).includes('frame-ancestors'))
      void reply.header('content-security-policy', `${String(csp).replace(/;\s*$/, '')}; frame-ancestors 'none'`);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    // For browsers that predate frame-ancestors.
    void reply.header('x-frame-options', 'DENY');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (!isStaticAsset(request.url, reply.statusCode)) {
      void reply.header('cache-control', 'no-store');
      void reply.header('pragma', 'no-cache');
    }
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
