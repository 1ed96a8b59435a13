import type { FastifyReply } from 'fastify';

/**
 * The public pages' Content-Security-Policy: nothing but their inline style may load or run, nothing comes
 * from elsewhere, the page cannot be framed, and forms post only to this site.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Sends a public page with its security headers. Never stored by a browser or a proxy: the request pages and
 * the links of the mails carry codes and personal data.
 */
export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(body);
}
