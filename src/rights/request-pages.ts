import type { Policy } from '../policy/policy.ts';
import type { Problem } from '../shared/parse.ts';
import { type SafeHtml, html } from '../pages/html.ts';
import { FORM_STYLE, page, publicNav } from '../pages/layout.ts';
import { REQUEST_KINDS } from '../shared/request-kind.ts';
import { type ProofProblem, REQUEST_PAGE_TEXT } from './request-page-text.ts';
import type { PublicStatus } from './request.schema.ts';
import { letterDate } from '../mail/letter-words.ts';
import { KIND_LABELS, type Lang } from './request-words.ts';

/** What the form sends: the field names of its inputs. */
export type FormValues = Partial<
  Record<
    | 'kind'
    | 'name'
    | 'email'
    | 'details'
    | 'purpose'
    | 'changeFirstName'
    | 'changeLastName'
    | 'changeEmail'
    | 'changePhone'
    | 'transferOrganisation'
    | 'transferEmail',
    string
  >
>;

/** The form field a problem of the request schema belongs to. */
const fieldOf = (path: string): string => {
  const [head, sub] = path.split('.');
  if (head === 'changes' && sub !== undefined) return `change${sub.charAt(0).toUpperCase()}${sub.slice(1)}`;
  return head === 'changes' ? 'changeFirstName' : (head ?? '');
};

/** A request page in the house style, with the navigation every public page has. */
function layout(lang: Lang, title: string, otherPath: string, main: SafeHtml, currentPath?: string): string {
  return page(lang, title, publicNav(lang, otherPath, currentPath), main, FORM_STYLE);
}

/** The label a reader sees for a field, to name it in the list of problems. */
function labelOf(lang: Lang, field: string): string {
  const t = REQUEST_PAGE_TEXT[lang];
  const labels: Record<string, string> = {
    kind: t.kindLegend,
    name: t.name,
    email: t.email,
    details: t.details,
    purpose: t.purpose,
    changeFirstName: t.changeFields.firstName,
    changeLastName: t.changeFields.lastName,
    changeEmail: t.changeFields.email,
    changePhone: t.changeFields.phone,
    transferOrganisation: t.transferFields.organisation,
    transferEmail: t.transferFields.email,
  };
  return labels[field] ?? field;
}

// The schemas speak English; a Dutch reader gets the field named and a plain request to check it.
function problemList(lang: Lang, problems: Problem[]): SafeHtml | '' {
  if (problems.length === 0) return '';
  const items = problems.map((p) => {
    const field = fieldOf(p.path) || 'kind';
    const what = lang === 'nl' ? 'vul dit goed in' : p.message;
    return html`<li><a href="#${field}">${labelOf(lang, field)}: ${what}</a></li>`;
  });
  return html`<div class="problems" role="alert"><p>${REQUEST_PAGE_TEXT[lang].problems}</p><ul>${items}</ul></div>\n`;
}

interface InputOptions {
  hint?: string;
  required?: boolean;
  max: number;
  autocomplete?: string;
  /** The field name, when it differs from the id (one name in several forms on a page). */
  name?: string;
  /** What is wrong with the value, said at the field. */
  error?: string | undefined;
}

function input(
  id: string,
  label: string,
  type: string,
  value: string | undefined,
  invalid: boolean,
  extra: InputOptions,
): SafeHtml {
  const hint = extra.hint === undefined ? '' : html`<p class="hint" id="${id}-hint">${extra.hint}</p>`;
  const error = extra.error === undefined ? '' : html`<p class="field-error" id="${id}-error">${extra.error}</p>`;
  const described = [
    ...(extra.hint === undefined ? [] : [`${id}-hint`]),
    ...(extra.error === undefined ? [] : [`${id}-error`]),
  ].join(' ');
  return html`<label for="${id}">${label}</label>${hint}${error}<input type="${type}" id="${id}" name="${extra.name ?? id}" value="${value ?? ''}" maxlength="${extra.max}"${extra.required === true ? html` required` : ''}${extra.autocomplete === undefined ? '' : html` autocomplete="${extra.autocomplete}"`}${described === '' ? '' : html` aria-describedby="${described}"`}${invalid || extra.error !== undefined ? html` aria-invalid="true"` : ''}>\n`;
}

/** /privacy/request: the form for every kind of request, re-shown with the problems when something is wrong. */
export function requestFormPage(lang: Lang, policy: Policy, values: FormValues, problems: Problem[]): string {
  const t = REQUEST_PAGE_TEXT[lang];
  const bad = new Set(problems.map((p) => fieldOf(p.path)));
  const kinds = REQUEST_KINDS.map(
    (k, i) =>
      html`<div class="choice"><input type="radio" name="kind" id="${i === 0 ? 'kind' : `kind-${k}`}" value="${k}"${values.kind === k ? html` checked` : ''} required><label for="${i === 0 ? 'kind' : `kind-${k}`}">${KIND_LABELS[k][lang]}</label></div>\n`,
  );
  const purposes = Object.entries(policy.document.purposes).map(
    ([id, p]) => html`<option value="${id}"${values.purpose === id ? html` selected` : ''}>${p.name[lang]}</option>`,
  );
  const main = html`<h1>${t.formTitle}</h1>
${t.intro.map((p) => html`<p>${p}</p>\n`)}${problemList(lang, problems)}<form method="post" action="${t.formPath}" accept-charset="utf-8">
<fieldset><legend>${t.kindLegend}</legend>
${kinds}</fieldset>
${input('name', t.name, 'text', values.name, bad.has('name'), { required: true, max: 200, autocomplete: 'name' })}${input('email', t.email, 'email', values.email, bad.has('email'), { hint: t.emailHint, required: true, max: 254, autocomplete: 'email' })}<label for="details">${t.details}</label><p class="hint" id="details-hint">${t.detailsHint}</p><textarea id="details" name="details" maxlength="5000" aria-describedby="details-hint"${bad.has('details') ? html` aria-invalid="true"` : ''}>${values.details ?? ''}</textarea>
<label for="purpose">${t.purpose}</label><p class="hint" id="purpose-hint">${t.purposeHint}</p><select id="purpose" name="purpose" aria-describedby="purpose-hint"${bad.has('purpose') ? html` aria-invalid="true"` : ''}><option value="">${t.noPurpose}</option>${purposes}</select>
<fieldset><legend>${t.changesLegend}</legend><p class="hint">${t.changesHint}</p>
${input('changeFirstName', t.changeFields.firstName, 'text', values.changeFirstName, bad.has('changeFirstName'), { max: 100 })}${input('changeLastName', t.changeFields.lastName, 'text', values.changeLastName, bad.has('changeLastName'), { max: 100 })}${input('changeEmail', t.changeFields.email, 'email', values.changeEmail, bad.has('changeEmail'), { max: 254 })}${input('changePhone', t.changeFields.phone, 'tel', values.changePhone, bad.has('changePhone'), { max: 30 })}</fieldset>
<fieldset><legend>${t.transferLegend}</legend><p class="hint">${t.transferHint}</p>
${input('transferOrganisation', t.transferFields.organisation, 'text', values.transferOrganisation, bad.has('transferOrganisation'), { max: 200, autocomplete: 'off' })}${input('transferEmail', t.transferFields.email, 'email', values.transferEmail, bad.has('transferEmail'), { max: 254, autocomplete: 'off' })}</fieldset>
<button type="submit">${t.submit}</button>
</form>`;
  return layout(lang, t.formTitle, REQUEST_PAGE_TEXT[t.other.lang].formPath, main, t.formPath);
}

/** Room for the six digits as people type them: "123 456", "123-456", or pasted with spaces around (issue 19, part 6). */
const CODE_TYPED_MAX = 12;

/** A refused proof: its stable code, what to tell the person, and the field it concerns (none: the whole form). */
export interface ProofError {
  code: string;
  problem: ProofProblem;
  field?: 'reference' | 'code' | 'invoiceNumber' | 'invoiceTotal' | undefined;
}

export interface VerifyView {
  reference?: string | undefined;
  /** The token of the link in the mail: the page then only asks to confirm. */
  token?: string | undefined;
  /** A note above the form: the receipt after filing, or that a new code was sent. */
  note?: string | undefined;
  error?: ProofError | undefined;
}

/**
 * /privacy/request/verify: the code, or for the kinds that allow it two facts of an invoice, or the
 * confirmation of the link. A refusal is said in the page's language, above the forms and at its field.
 */
export function verifyPage(lang: Lang, view: VerifyView): string {
  const t = REQUEST_PAGE_TEXT[lang];
  const note = view.note === undefined ? '' : html`<p class="note" role="status">${view.note}</p>\n`;
  const problem = view.error === undefined ? undefined : t.proofProblems[view.error.problem];
  const at = (field: NonNullable<ProofError['field']>): string | undefined => (view.error?.field === field ? problem : undefined);
  const error =
    view.error === undefined
      ? ''
      : html`<div class="problems" role="alert" data-error-code="${view.error.code}"><p>${view.error.field === undefined ? problem : html`<a href="#${view.error.field}">${problem}</a>`}</p></div>\n`;
  const reference = (id: string, field?: string) =>
    input(id, t.reference, 'text', view.reference, false, {
      required: true,
      max: 20,
      name: 'reference',
      error: field === undefined ? undefined : at('reference'),
    });
  const body =
    view.token !== undefined && view.reference !== undefined
      ? html`<p>${t.linkIntro}</p>
<form method="post" action="${t.verifyPath}"><input type="hidden" name="reference" value="${view.reference}"><input type="hidden" name="token" value="${view.token}"><button type="submit">${t.confirm}</button></form>`
      : html`<p>${t.verifyIntro}</p>
<form method="post" action="${t.verifyPath}">
${reference('reference', 'reference')}${input('code', t.code, 'text', undefined, false, { required: true, max: CODE_TYPED_MAX, autocomplete: 'one-time-code', error: at('code') })}<button type="submit">${t.confirm}</button>
</form>
<form method="post" action="${t.verifyPath}"><fieldset><legend>${t.knowledgeLegend}</legend><p class="hint">${t.knowledgeHint}</p>
${reference('knowledge-reference')}${input('invoiceNumber', t.invoiceNumber, 'text', undefined, false, { required: true, max: 30, error: at('invoiceNumber') })}${input('invoiceTotal', t.invoiceTotal, 'text', undefined, false, { hint: t.invoiceTotalHint, required: true, max: 30, error: at('invoiceTotal') })}<button type="submit">${t.confirm}</button></fieldset></form>
<form method="post" action="${t.resendPath}"><fieldset><legend>${t.resendLegend}</legend>
${reference('resend-reference')}<button type="submit">${t.resend}</button></fieldset></form>`;
  const otherPath =
    REQUEST_PAGE_TEXT[t.other.lang].verifyPath +
    (view.reference === undefined ? '' : `?${new URLSearchParams({ reference: view.reference }).toString()}`);
  return layout(lang, t.verifyTitle, otherPath, html`<h1>${t.verifyTitle}</h1>\n${note}${error}${body}`);
}

/** After a successful proof: what happens next, nothing personal. */
export function verifiedPage(lang: Lang, status: PublicStatus): string {
  const t = REQUEST_PAGE_TEXT[lang];
  const main = html`<h1>${t.verifiedTitle}</h1>
<p>${t.reference}: <strong>${status.reference}</strong> (${t.stages[status.stage]})</p>
<p>${t.verified(letterDate(status.dueOn, lang))}</p>
<p><a href="${statusHref(lang, status.reference)}">${t.statusTitle}</a></p>`;
  return layout(lang, t.verifiedTitle, statusHref(t.other.lang, status.reference), main);
}

/** Any other failure of a request page, with the stable code in it. */
export function requestErrorPage(lang: Lang, code: string, message: string): string {
  const t = REQUEST_PAGE_TEXT[lang];
  return layout(
    lang,
    t.errorTitle,
    REQUEST_PAGE_TEXT[t.other.lang].formPath,
    html`<h1 data-error-code="${code}">${t.errorTitle}</h1>\n<p>${message}</p>`,
  );
}

/** The status page of a request, in a language. */
export const statusHref = (lang: Lang, reference?: string): string =>
  REQUEST_PAGE_TEXT[lang].statusPath + (reference === undefined ? '' : `?${new URLSearchParams({ reference }).toString()}`);

/**
 * /privacy/request/status: the stage of a request by its reference, nothing personal (the same answer for
 * every request at that stage, customer or not), and the form to look one up.
 */
export function statusPage(
  lang: Lang,
  view: { reference?: string | undefined; status?: PublicStatus | undefined; notFound?: boolean },
): string {
  const t = REQUEST_PAGE_TEXT[lang];
  const s = view.status;
  const found =
    s === undefined
      ? ''
      : html`<table class="status">
<tbody>
<tr><th scope="row">${t.reference}</th><td><strong>${s.reference}</strong></td></tr>
<tr><th scope="row">${t.stageLabel}</th><td><span class="stage stage-${s.stage}">${t.stages[s.stage]}</span><br>${t.stageExplained[s.stage]}</td></tr>
<tr><th scope="row">${t.receivedOn}</th><td>${letterDate(s.receivedOn, lang)}</td></tr>
<tr><th scope="row">${t.dueOn}</th><td>${letterDate(s.dueOn, lang)}</td></tr>
</tbody>
</table>
${s.stage === 'received' ? html`<p><a href="${REQUEST_PAGE_TEXT[lang].verifyPath}?${new URLSearchParams({ reference: s.reference }).toString()}">${t.verifyTitle}</a></p>\n` : ''}`;
  const notFound =
    view.notFound === true
      ? html`<div class="problems" role="alert" data-error-code="not_found"><p>${t.statusNotFound}</p></div>\n`
      : '';
  const main = html`<h1>${t.statusTitle}</h1>
${notFound}${found}<form method="get" action="${t.statusPath}">
<p>${t.statusIntro}</p>
${input('reference', t.reference, 'text', view.reference, view.notFound === true, { required: true, max: 20 })}<button type="submit">${t.statusLookup}</button>
</form>`;
  return layout(lang, t.statusTitle, statusHref(t.other.lang, s?.reference), main, t.statusPath);
}
