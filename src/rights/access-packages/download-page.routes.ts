import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../../pages/send.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isKluisError } from '../../errors.ts';
import { parse } from '../../shared/parse.ts';
import { LINK_STATUS, linkProblemPage } from '../../pages/link-page.ts';
import type { RightsServices } from '../rights-services.ts';
import { acceptForms, formFields } from '../form-body.ts';
import { downloadQuery, linkQuery } from './access-package.schema.ts';
import { downloadPage, problemStatus } from './download-page.ts';
import { GRANT_MINUTES } from './package-code.ts';
import { DOWNLOAD_PATHS, type Downloader, packagePath } from './package-letters.ts';
import type { Lang } from '../../shared/lang.ts';

// A browser (it asks for HTML) gets every failure as a page, with the stable code in it; other clients keep the
// API's JSON error.
const wantsPage = (req: FastifyRequest): boolean => (req.headers.accept ?? '').includes('text/html');

/**
 * The cookie that holds the download grant between the POST of the code and the download (issue 19, part 6).
 * A cookie and not the address: the grant buys the zip, so it must not land in the history, a log or a shared
 * screenshot. HttpOnly, SameSite=Strict, only sent to the download page of its language, gone after the download
 * or ten minutes; strictly necessary for what the person asked, so no consent is needed (Telecommunicatiewet
 * art. 11.7a lid 3, ePrivacy Directive art. 5(3)). The only cookie of the public pages.
 */
const GRANT_COOKIE = 'kluis_download';

const downloaderOf = (value: string | undefined): Downloader => (value === 'recipient' ? 'recipient' : 'person');

/**
 * The link in the mail of a released access package (Art. 15), in Dutch and English: a page that mails a code,
 * and takes it back. Post/redirect/get: each POST answers 303 to the page, so a reload never tries a code again,
 * and the page after a download shows no error of an earlier attempt. Plain HTML forms, no JavaScript. Pages, so
 * outside the API document.
 */
export const downloadPageRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsyncZod =>
  async (app) => {
    const { accessPackages } = services.rights;
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) acceptForms(app);

    for (const lang of ['nl', 'en'] as const satisfies Lang[]) {
      const path = DOWNLOAD_PATHS[lang];
      const other: Lang = lang === 'nl' ? 'en' : 'nl';
      /** The page again, saying what happened: a word in the address, never a code or a grant. */
      const back = (reply: FastifyReply, token: string, downloader: Downloader, said: string): FastifyReply =>
        reply.redirect(`${packagePath(token, lang, downloader)}&${said}`, 303);
      /** The friendly page for a link that is unknown or expired; undefined for other errors. */
      const linkPage = (reply: FastifyReply, token: string, error: unknown): FastifyReply | undefined => {
        if (!isKluisError(error) || (error.code !== 'not_found' && error.code !== 'expired')) return undefined;
        const problem = error.code === 'not_found' ? 'missing' : 'expired';
        return sendPage(reply, LINK_STATUS[problem], linkProblemPage(lang, problem, packagePath(token, other)));
      };

      app.post(`${path}/code`, {
        config: { public: true },
        schema: { hide: true, querystring: linkQuery },
        handler: async (req, reply) => {
          const downloader = downloaderOf(req.query.for);
          try {
            await accessPackages.sendCode(req.query.token, req.ip);
          } catch (error) {
            if (!isKluisError(error) || !wantsPage(req)) throw error;
            return back(reply, req.query.token, downloader, `problem=${error.code}`);
          }
          return back(reply, req.query.token, downloader, 'sent=1');
        },
      });

      // The code, posted: a wrong one counts an attempt once; the right one buys the download on the next page.
      app.post(path, {
        config: { public: true },
        schema: { hide: true, querystring: linkQuery },
        handler: async (req, reply) => {
          const { token } = req.query;
          const downloader = downloaderOf(req.query.for);
          try {
            const grant = await accessPackages.grantDownload(token, formFields(req.body).code ?? '');
            void reply.setCookie(GRANT_COOKIE, grant, {
              path,
              httpOnly: true,
              sameSite: 'strict',
              secure: req.protocol === 'https',
              maxAge: GRANT_MINUTES * 60,
            });
            return back(reply, token, downloader, 'ready=1');
          } catch (error) {
            if (!isKluisError(error)) throw error;
            return back(reply, token, downloader, `problem=${error.code}`);
          }
        },
      });

      app.get(path, {
        config: { public: true },
        schema: { hide: true },
        handler: async (req, reply) => {
          const raw = req.query as Record<string, string | undefined>;
          // A link cut short in a mail program is a link we do not know: the friendly page, not a validation error.
          const query = downloadQuery.safeParse(raw);
          if (!query.success && wantsPage(req) && typeof raw.token === 'string' && raw.code === undefined)
            return sendPage(reply, 404, linkProblemPage(lang, 'missing', DOWNLOAD_PATHS[other]));
          const { token, code, sent, problem } = parse(downloadQuery, raw, 'query');
          const downloader = downloaderOf(raw.for);
          if (code !== undefined) {
            // A client of the API fetches the zip with the code in the address; the page posts it instead.
            try {
              const { filename, content } = await accessPackages.download(token, code);
              return zip(reply, filename, content);
            } catch (error) {
              // A failure of ours is a 500, logged, as on the file's path; never a page that looks normal.
              if (!wantsPage(req) || !isKluisError(error)) throw error;
              // The page names the problem; an unknown or expired link gets its own page there.
              return back(reply, token, downloader, `problem=${error.code}`);
            }
          }
          try {
            await accessPackages.checkLink(token);
          } catch (error) {
            if (!wantsPage(req)) throw error;
            const page = linkPage(reply, token, error);
            if (page === undefined) throw error;
            return page;
          }
          const grant = req.cookies[GRANT_COOKIE];
          const ready = raw.ready === '1' && grant !== undefined && (await accessPackages.granted(token, grant));
          // "ready" without a grant that still holds (the download spent it, or ten minutes passed) asks for a code
          // again without an error: after a download the page must not show one (issue 19, part 6).
          const view = { sent: sent === '1', ready, error: ready ? undefined : problem, downloader };
          return sendPage(reply, ready ? 200 : problemStatus(view.error), downloadPage(lang, token, view));
        },
      });

      // The download button of the page after the right code: the grant in the cookie, spent by this download.
      app.get(`${path}/file`, {
        config: { public: true },
        schema: { hide: true, querystring: linkQuery },
        handler: async (req, reply) => {
          const { token } = req.query;
          const downloader = downloaderOf(req.query.for);
          const grant = req.cookies[GRANT_COOKIE] ?? '';
          try {
            const { filename, content } = await accessPackages.downloadGranted(token, grant);
            void reply.clearCookie(GRANT_COOKIE, { path });
            return zip(reply, filename, content);
          } catch (error) {
            if (!isKluisError(error) || !wantsPage(req)) throw error;
            return (
              linkPage(reply, token, error.code === 'expired' ? undefined : error) ??
              back(reply, token, downloader, 'problem=expired')
            );
          }
        },
      });
    }
  };

function zip(reply: FastifyReply, filename: string, content: Buffer): FastifyReply {
  return reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(content);
}
