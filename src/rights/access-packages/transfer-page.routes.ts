import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../../pages/send.ts';
import { isKluisError } from '../../errors.ts';
import type { RightsServices } from '../rights-services.ts';
import { acceptForms, formFields } from '../form-body.ts';
import { TRANSFER_PATHS } from './portability-letters.ts';
import { transferPage } from './transfer-page.ts';
import type { Lang } from '../../shared/lang.ts';

const REFERENCE = /^V-\d{4}-[0-9A-Z]{6}$/;
const TOKEN = /^[A-Za-z0-9_-]{22,100}$/;

/**
 * The link in the mail that asks a person to confirm where their portability package goes (Art. 20(2)), in Dutch
 * and English: GET shows the organisation and its address, POST confirms them and sends the link there. Plain HTML
 * forms, no JavaScript, no cookies. Pages, so outside the API document; every failure is the page with its code.
 */
export const transferPageRoutes =
  (services: { rights: RightsServices }): FastifyPluginAsync =>
  async (app) => {
    const { transfers } = services.rights;
    const options = { config: { public: true }, schema: { hide: true } };
    acceptForms(app);

    for (const lang of ['nl', 'en'] as const satisfies Lang[]) {
      const path = TRANSFER_PATHS[lang];

      /** The page again after a POST: the link's own address, and what happened as a word (no secret in it). */
      const back = (view: { reference: string; token: string }, said: string) =>
        `${path}?${new URLSearchParams({ reference: view.reference, token: view.token }).toString()}&${said}`;

      // Opening the link shows what to confirm and changes nothing: mail scanners open links too.
      app.get(path, options, async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        const view = { reference: q.reference ?? '', token: q.token ?? '' };
        if (!REFERENCE.test(view.reference) || !TOKEN.test(view.token))
          return sendPage(reply, 404, transferPage(lang, { ...view, error: 'not_found' }));
        if (q.outcome === 'sent') {
          // Believed only with the token that confirmed it; a forged word shows what the link shows.
          const organisation = await transfers.sent(view.reference, view.token).catch(() => undefined);
          if (organisation !== undefined) return sendPage(reply, 200, transferPage(lang, { ...view, organisation, sent: true }));
        }
        try {
          const organisation = await transfers.pending(view.reference, view.token);
          // Whatever the POST was refused for is said (in words, or the page's general error); never the form again
          // as if nothing happened.
          const problem = q.problem !== undefined && /^[a-z_]{1,40}$/.test(q.problem) ? q.problem : undefined;
          return sendPage(
            reply,
            problem === undefined ? 200 : problem === 'conflict' ? 409 : problem === 'rate_limited' ? 429 : 400,
            transferPage(lang, { ...view, ...(problem === undefined ? { organisation } : { error: problem }) }),
          );
        } catch (error) {
          if (!isKluisError(error)) throw error;
          return sendPage(reply, error.status, transferPage(lang, { ...view, error: error.code }));
        }
      });

      // Post/redirect/get: a reload of the page after it confirms nothing again and tries no token again.
      app.post(path, options, async (req, reply) => {
        const f = formFields(req.body);
        const view = { reference: f.reference ?? '', token: f.token ?? '' };
        if (!REFERENCE.test(view.reference) || !TOKEN.test(view.token))
          return reply.redirect(`${path}?${new URLSearchParams(view).toString()}`, 303);
        try {
          await transfers.confirm(view.reference, view.token, req.ip);
          return reply.redirect(back(view, 'outcome=sent'), 303);
        } catch (error) {
          if (!isKluisError(error)) throw error;
          // An unknown or used link: its own address says so; what only the POST learnt travels as a word.
          return reply.redirect(back(view, `problem=${error.code}`), 303);
        }
      });
    }
  };
