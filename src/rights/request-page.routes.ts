import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { sendPage } from '../pages/send.ts';
import { type KluisError, isKluisError, notFound } from '../errors.ts';
import type { Problem } from '../shared/parse.ts';
import type { Policy } from '../policy/policy.ts';
import type { RightsServices } from './rights-services.ts';
import { LANGS } from '../statement/statement-document.ts';
import { acceptForms, type FormFields, formFields } from './form-body.ts';
import { REQUEST_PAGE_TEXT } from './request-page-text.ts';
import {
  type FormValues,
  type ProofError,
  requestErrorPage,
  requestFormPage,
  statusPage,
  verifiedPage,
  verifyPage,
} from './request-pages.ts';
import type { PublicProof } from './request.schema.ts';
import type { Lang } from './request-words.ts';
import { amountInCents } from './verification-knowledge.ts';
import { outcomeOf, problemOf, verifyAddress } from './verify-outcome.ts';
import { LINK_STATUS, type LinkProblem, linkProblemPage } from '../pages/link-page.ts';

/** The problem of a verification link the address names, after the POST that found it used or expired. */
const linkOf = (word: string | undefined): LinkProblem | undefined => (word === 'used' || word === 'expired' ? word : undefined);

const REFERENCE = /^V-\d{4}-[0-9A-Z]{6}$/;
const validReference = (value: string | undefined): string | undefined => {
  const v = value?.trim().toUpperCase();
  return v !== undefined && REFERENCE.test(v) ? v : undefined;
};

/** The form's fields as the request schema takes them. */
function asRequest(v: FormFields, lang: Lang): Record<string, unknown> {
  const given = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);
  const changes = Object.fromEntries(
    (['firstName', 'lastName', 'email', 'phone'] as const).flatMap((f) => {
      const value = given(v[`change${f.charAt(0).toUpperCase()}${f.slice(1)}`]);
      return value === undefined ? [] : [[f, value]];
    }),
  );
  return {
    kind: v.kind ?? '',
    name: v.name ?? '',
    email: v.email ?? '',
    details: v.details ?? '',
    language: lang,
    ...(given(v.purpose) === undefined ? {} : { purpose: v.purpose }),
    ...(Object.keys(changes).length === 0 ? {} : { changes }),
    ...(given(v.transferOrganisation) === undefined ? {} : { transferOrganisation: v.transferOrganisation }),
    ...(given(v.transferEmail) === undefined ? {} : { transferEmail: v.transferEmail }),
  };
}

type ProofForm = 'code' | 'token' | 'knowledge';

/** What to tell the person about a refused proof, and at which field; undefined for an error of another kind. */
function proofProblem(error: KluisError, form: ProofForm, f: FormFields): Omit<ProofError, 'code'> | undefined {
  const reason = (error.details as { reason?: string } | undefined)?.reason;
  const knowledgeField = form === 'knowledge' ? ('invoiceNumber' as const) : undefined;
  if (error.code === 'not_found') return { problem: 'referenceUnknown', field: 'reference' };
  if (error.code === 'conflict') return { problem: 'verifiedAlready' };
  if (error.code === 'forbidden') return { problem: 'knowledgeNotAccepted', field: knowledgeField };
  if (error.code === 'expired') return { problem: reason === 'expired' ? 'expired' : 'used' };
  if (error.code === 'rate_limited') {
    if (reason === 'knowledge_locked') return { problem: 'knowledgeLocked', field: knowledgeField };
    return { problem: reason === 'locked' ? 'locked' : 'tooMany' };
  }
  if (error.code !== 'validation_failed') return undefined;
  // A proof checked and found wrong names the path 'proof'; anything else is a value not of the right form.
  const wrong = Array.isArray(error.details) && (error.details as Problem[]).some((p) => p.path === 'proof');
  if (form === 'knowledge') {
    if (wrong) return { problem: 'knowledgeWrong', field: 'invoiceNumber' };
    return amountInCents(f.invoiceTotal ?? '') === null
      ? { problem: 'knowledgeTotal', field: 'invoiceTotal' }
      : { problem: 'knowledgeNumber', field: 'invoiceNumber' };
  }
  return form === 'code' ? { problem: wrong ? 'codeWrong' : 'codeFormat', field: 'code' } : { problem: 'used' };
}

const FORM_FIELDS = [
  'kind',
  'name',
  'email',
  'details',
  'purpose',
  'changeFirstName',
  'changeLastName',
  'changeEmail',
  'changePhone',
  'transferOrganisation',
  'transferEmail',
] as const;
const formValues = (v: FormFields): FormValues =>
  Object.fromEntries(FORM_FIELDS.flatMap((f) => (v[f] === undefined ? [] : [[f, v[f]]])));

/**
 * The public request pages (P11, P12): the form at /privacy/request and /en/privacy/request, and the
 * confirmation of identity at …/verify (a code, the link from the mail, or two facts of an invoice). Plain HTML
 * forms, no JavaScript, no cookies, the statement's strict CSP. Pages, so outside the API document.
 */
export const requestPageRoutes =
  (services: { policy: Policy; rights: RightsServices }): FastifyPluginAsync =>
  async (app) => {
    const { intake, verification, requests } = services.rights;
    const options = { config: { public: true }, schema: { hide: true } };
    acceptForms(app);

    // Every failure of these pages is a page too, with the stable code in it.
    app.setErrorHandler((error: FastifyError, req, reply) => {
      const lang: Lang = req.url.startsWith('/en/') ? 'en' : 'nl';
      if (isKluisError(error)) return sendPage(reply, error.status, requestErrorPage(lang, error.code, error.message));
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendPage(reply, 413, requestErrorPage(lang, 'payload_too_large', 'The form is too large.'));
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return sendPage(reply, 415, requestErrorPage(lang, 'unsupported_media_type', 'Send the form as a normal HTML form.'));
      req.log.error({ err: error }, 'request page failed');
      return sendPage(
        reply,
        500,
        requestErrorPage(lang, 'internal_error', 'Something went wrong on our side; it has been logged.'),
      );
    });

    for (const lang of LANGS) {
      const t = REQUEST_PAGE_TEXT[lang];

      app.get(t.formPath, options, async (_req, reply) => sendPage(reply, 200, requestFormPage(lang, services.policy, {}, [])));

      app.post(t.formPath, options, async (req, reply) => {
        const fields = formFields(req.body);
        try {
          const receipt = await intake.fileFromPortal(asRequest(fields, lang), { ip: req.ip });
          // Post/redirect/get: reloading the next page does not file the request again.
          return reply.redirect(verifyAddress(t.verifyPath, receipt.reference, { outcome: 'filed' }), 303);
        } catch (error) {
          if (isKluisError(error) && error.code === 'validation_failed') {
            const problems = Array.isArray(error.details) ? (error.details as Problem[]) : [{ path: '', message: error.message }];
            return sendPage(reply, 400, requestFormPage(lang, services.policy, formValues(fields), problems));
          }
          throw error;
        }
      });

      app.get(t.verifyPath, options, async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        const reference = validReference(q.reference);
        const token = q.token !== undefined && /^[A-Za-z0-9_-]{22,64}$/.test(q.token) ? q.token : undefined;
        const link = linkOf(q.link);
        if (link !== undefined) {
          const other = `${REQUEST_PAGE_TEXT[t.other.lang].verifyPath}?${new URLSearchParams({ link }).toString()}`;
          return sendPage(reply, LINK_STATUS[link], linkProblemPage(lang, link, other));
        }
        const outcome = outcomeOf(q.outcome);
        // "Confirmed" is believed only when the request says so: a forged address shows the form instead.
        if (outcome === 'verified' && reference !== undefined) {
          const status = await requests.publicStatus(reference, { ip: req.ip }).catch(() => undefined);
          if (status !== undefined && status.stage !== 'received') return sendPage(reply, 200, verifiedPage(lang, status));
        }
        const note = outcome === 'filed' ? t.filed : outcome === 'resent' ? t.resent : undefined;
        const refused = problemOf(q.problem);
        // The link only shows a button: mail scanners that open links must not use up the token.
        return sendPage(reply, refused?.status ?? 200, verifyPage(lang, { reference, token, note, error: refused?.error }));
      });

      app.post(t.verifyPath, options, async (req, reply) => {
        const f = formFields(req.body);
        const reference = validReference(f.reference);
        const form: ProofForm =
          f.token !== undefined ? 'token' : f.invoiceNumber !== undefined || f.invoiceTotal !== undefined ? 'knowledge' : 'code';
        const proof: PublicProof =
          form === 'token'
            ? { token: f.token ?? '' }
            : form === 'knowledge'
              ? { invoiceNumber: f.invoiceNumber ?? '', invoiceTotal: f.invoiceTotal ?? '' }
              : { code: f.code ?? '' };
        const back = (said: Parameters<typeof verifyAddress>[2]) =>
          reply.redirect(verifyAddress(t.verifyPath, reference, said), 303);
        if (reference === undefined) return back({ problem: 'referenceUnknown' });
        try {
          await verification.verifyPublic(reference, proof, { ip: req.ip });
          return back({ outcome: 'verified' });
        } catch (error) {
          if (!isKluisError(error)) throw error;
          const refused = proofProblem(error, form, f);
          if (refused === undefined) throw error;
          // The link from the mail that no longer works gets the page for such links, not a form to retype it.
          if (form === 'token' && (refused.problem === 'used' || refused.problem === 'expired'))
            return reply.redirect(`${t.verifyPath}?${new URLSearchParams({ link: refused.problem }).toString()}`, 303);
          return back({ problem: refused.problem });
        }
      });

      // The stage by reference (a GET form, so it can be bookmarked); an unknown or malformed one is the same answer.
      app.get(t.statusPath, options, async (req, reply) => {
        const given = (req.query as Record<string, string | undefined>).reference;
        if (given === undefined || given.trim() === '') return sendPage(reply, 200, statusPage(lang, {}));
        const reference = validReference(given);
        try {
          if (reference === undefined) throw notFound('Request', given.slice(0, 20));
          return sendPage(
            reply,
            200,
            statusPage(lang, { reference, status: await requests.publicStatus(reference, { ip: req.ip }) }),
          );
        } catch (error) {
          if (!isKluisError(error) || error.code !== 'not_found') throw error;
          return sendPage(reply, 404, statusPage(lang, { reference: given.slice(0, 20), notFound: true }));
        }
      });

      app.post(t.resendPath, options, async (req, reply) => {
        const reference = validReference(formFields(req.body).reference);
        if (reference === undefined)
          return reply.redirect(verifyAddress(t.verifyPath, undefined, { problem: 'referenceUnknown' }), 303);
        await intake.resendCode(reference, { ip: req.ip });
        return reply.redirect(verifyAddress(t.verifyPath, reference, { outcome: 'resent' }), 303);
      });
    }
  };
