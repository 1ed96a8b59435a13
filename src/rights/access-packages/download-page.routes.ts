import type { FastifyRequest } from 'fastify';
import { sendPage } from '../../pages/send.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isKluisError } from '../../errors.ts';
import type { RightsServices } from '../rights-services.ts';
import { downloadQuery, linkQuery } from './access-package.schema.ts';
import { downloadPage } from './download-page.ts';
import { DOWNLOAD_PATHS, packagePath } from './package-letters.ts';
import type { Lang } from '../../shared/lang.ts';

// A browser (it asks for HTML) gets every failure as the page again, with the stable code in it; other
// clients keep the API's JSON error.
const wantsPage = (req: FastifyRequest): boolean => (req.headers.accept ?? '').includes('text/html');

/**
 * The link in the mail of a released access package (Art. 15), in Dutch and English: a page without a code,
 * the zip with one. Plain HTML forms, no JavaScript, no cookies. Pages, so outside the API document.
 */
export const downloadPageRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { accessPackages } = services.rights;

    // The page's button is a plain HTML form: its body is empty, the token is in the query.
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
        done(null, undefined),
      );
    }

    for (const lang of ['nl', 'en'] as const satisfies Lang[]) {
      const path = DOWNLOAD_PATHS[lang];

      app.post(`${path}/code`, {
        config: { public: true },
        schema: { hide: true, querystring: linkQuery },
        handler: async (req, reply) => {
          const downloader = req.query.for === 'recipient' ? 'recipient' : 'person';
          try {
            await accessPackages.sendCode(req.query.token, req.ip);
          } catch (error) {
            if (!isKluisError(error) || !wantsPage(req)) throw error;
            return sendPage(
              reply,
              error.status,
              downloadPage(lang, req.query.token, { sent: false, error: error.code, downloader }),
            );
          }
          return reply.redirect(`${packagePath(req.query.token, lang, downloader)}&sent=1`, 303);
        },
      });

      app.get(path, {
        config: { public: true },
        schema: { hide: true, querystring: downloadQuery },
        handler: async (req, reply) => {
          const { token, code } = req.query;
          const downloader = req.query.for === 'recipient' ? 'recipient' : 'person';
          if (code === undefined)
            return sendPage(reply, 200, downloadPage(lang, token, { sent: req.query.sent === '1', downloader }));
          try {
            const { filename, content } = await accessPackages.download(token, code);
            return reply
              .type('application/zip')
              .header('content-disposition', `attachment; filename="${filename}"`)
              .header('cache-control', 'no-store')
              .send(content);
          } catch (error) {
            if (!isKluisError(error) || !wantsPage(req)) throw error;
            return sendPage(reply, error.status, downloadPage(lang, token, { sent: false, error: error.code, downloader }));
          }
        },
      });
    }
  };
