import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` (Vite) writes the back office. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * The back office's own scripts and styles only: no inline script, nothing from elsewhere. Inline styles are
 * allowed because Mantine sets its CSS variables in a <style> element and style attributes at run time.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The back office at /app: the built files under /app/assets/ (names carry their hash, so they are cached
 * for a year), and index.html for every other /app path, where the browser's router takes over. Without a
 * build, /app says how to make one. Hidden from the OpenAPI document: these are pages, not the API.
 */
export async function webAppRoutes(app: FastifyInstance, options: { dist?: string } = {}): Promise<void> {
  const dist = options.dist ?? WEB_DIST;
  const built = fs.existsSync(path.join(dist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(dist, 'assets'),
      prefix: '/app/assets/',
      decorateReply: true,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
  }
  const page = async (_req: FastifyRequest, reply: FastifyReply) => {
    // index.html names the current hashed files; the security headers make it no-store, so a new build shows at once.
    void reply.header('content-security-policy', APP_CSP);
    if (!built)
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The back office is not built yet: run `npm run build:web` (npm install does it too).');
    return reply.sendFile('index.html', dist, { cacheControl: false });
  };
  app.get('/app', { schema: { hide: true } }, page);
  app.get('/app/*', { schema: { hide: true } }, page);
}
