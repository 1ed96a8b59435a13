import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { conflict, expired, forbidden, notFound, validationFailed } from '../../errors.ts';
import type { Actor } from '../../guard/actor.ts';
import { handlesRequests } from '../../guard/request-handler.ts';
import type { Guard, Processing } from '../../guard/guard.ts';
import type { MailSecretBox } from '../../mail/mail-secrets.ts';
import { enqueueMail } from '../../mail/outbox.repository.ts';
import { type ListPage, pageOf } from '../../shared/list.ts';
import { parse } from '../../shared/parse.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { asStatus, nextStatus } from '../request-status.ts';
import { updateIfStatus } from '../request.repository.ts';
import { PACKAGE_DAYS, type PackageKind, tokenHash } from './package-store.ts';
import * as packages from './access-package.repository.ts';
import { presentPackage } from './access-package.presenter.ts';
import {
  type AccessPackage,
  type PackageListItem,
  type PackageListQuery,
  packageListQuery,
  packageCode,
  packageToken,
} from './access-package.schema.ts';
import { langOf } from '../executors/deps.ts';
import { checkPackageGrant, openPackageCode, openPackageGrant, usePackageCode } from './package-code.ts';
import type { Executor } from '../../db/executor.ts';
import { packageCodeLetter, packageLinkLetter } from './package-letters.ts';
import { getContact } from '../../mail/addressees.repository.ts';
import { markExported } from '../../disclosures/disclosure.repository.ts';
import type { Policy } from '../../policy/policy.ts';
import { askTransferConfirmation, transferProcessing } from './portability-transfer.service.ts';
import { isoNow } from '../../shared/clock.ts';

/**
 * Who downloads: the person, through a link and a code; logged as a system actor acting for the dpo, who
 * released the package (as the privacy portal does for requests).
 */
export const DOWNLOAD_ACTOR: Actor = { kind: 'system', id: 'access-package-download', role: 'dpo' };

const HOUR = 3_600_000;
const CODES_PER_PACKAGE = { name: 'package-code:package', max: 5, windowMs: HOUR };
const CODES_PER_IP = { name: 'package-code:ip', max: 20, windowMs: HOUR };

const INCLUDES = ['agreement' as const, 'invoice' as const, 'case' as const, 'message' as const, 'consent' as const];

export interface AccessPackageOptions {
  /** The public address of Kluis (KLUIS_PUBLIC_URL), for the link in the mail. */
  publicUrl?: string | undefined;
  /** Seals the link and the download code in their mail: the outbox keeps placeholders. */
  mailSecrets: MailSecretBox;
}

/** The access package after it is built: review and release by the dpo, download by the person (Art. 15). */
export class AccessPackageService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly limiter: RateLimiter;
  private readonly options: AccessPackageOptions;

  constructor(db: Kysely<DB>, guard: Guard, limiter: RateLimiter, options: AccessPackageOptions) {
    this.db = db;
    this.guard = guard;
    this.limiter = limiter;
    this.options = options;
  }

  /**
   * The packages built for a request, without their content: how the dpo finds the package to review and
   * release once the access request is decided.
   */
  async listForRequest(actor: Actor, requestId: string): Promise<AccessPackage[]> {
    if (!handlesRequests(this.guard.policy, actor.role))
      throw forbidden(`The role ${actor.role} does not handle access packages`);
    return this.guard.process({ actor, operation: 'consult', recordType: 'case' }, async (ctx) => {
      if ((await packages.getRequestContact(ctx.trx, requestId)) === undefined) throw notFound('Request', requestId);
      ctx.touch('rights_request', requestId);
      const rows = await packages.listByRequest(ctx.trx, requestId);
      for (const row of rows) ctx.touch('access_package', row.id, row.subject_id);
      return rows.map(presentPackage);
    });
  }

  /**
   * The packages of every request, a page at a time, by review status and kind (issue 19): what waits for release.
   * Like a request's own list, one consultation of request records naming each package and its person.
   */
  async list(actor: Actor, input: PackageListQuery): Promise<ListPage<PackageListItem>> {
    if (!handlesRequests(this.guard.policy, actor.role))
      throw forbidden(`The role ${actor.role} does not handle access packages`);
    const q = parse(packageListQuery, input ?? {}, 'query');
    // Each package is listed with its person's name.
    return this.guard.process({ actor, operation: 'consult', recordType: 'case', includes: ['subject'] }, async (ctx) => {
      const { rows, total } = await packages.listAll(ctx.trx, q);
      for (const row of rows) {
        ctx.touch('rights_request', row.request_id);
        ctx.touch('access_package', row.id, row.subject_id);
      }
      return pageOf(
        rows.map((r) => ({ ...presentPackage(r), requestReference: r.request_reference, customerName: r.customer_name })),
        total,
        q,
      );
    });
  }

  /** The zip itself, for the review before release (Art. 15(4)); a consultation of everything in it. */
  async contentForReview(actor: Actor, id: string): Promise<{ filename: string; content: Buffer }> {
    return this.guard.process({ actor, operation: 'export', recordType: 'subject', includes: INCLUDES }, async (ctx) => {
      const row = await packages.getById(ctx.trx, id);
      const content = row === undefined ? undefined : await packages.getContent(ctx.trx, id);
      if (row === undefined || content === undefined) throw notFound('Access package', id);
      ctx.touch('access_package', id, row.subject_id);
      return { filename: `access-${id}.zip`, content: Buffer.from(content) };
    });
  }

  /**
   * Releases a reviewed package: a new 256-bit token (only its hash is kept), an expiry PACKAGE_DAYS ahead,
   * and the link mailed to the requester in the same transaction. The token is only ever in that mail. The
   * request, awaiting_release until now, is answered with that mail (Art. 12(3): the person can have the data).
   * A portability package for another organisation (Art. 20(2)) first asks the person to confirm its address
   * (askTransferConfirmation); releasing it again sends a new confirmation.
   */
  async release(actor: Actor, id: string): Promise<AccessPackage> {
    return this.guard.process({ actor, operation: 'export', recordType: 'subject', includes: INCLUDES }, async (ctx) => {
      const { trx } = ctx;
      const row = await packages.getById(trx, id);
      if (row === undefined) throw notFound('Access package', id);
      const request = await packages.getRequestContact(trx, row.request_id);
      const transfer = row.kind === 'portability' && (request?.transfer_email ?? null) !== null;
      if (request !== undefined && transfer && row.review_status !== 'released') {
        return presentPackage(await askTransferConfirmation(ctx, this.guard.policy, row, request, actor, this.options));
      }
      if (row.review_status !== 'pending_review')
        throw conflict(`Access package ${id} was released at ${row.released_at ?? '?'}`);
      const contact = await getContact(trx, row.subject_id);
      const to = request?.requester_email ?? contact?.email ?? null;
      if (request === undefined || to === null)
        throw conflict('There is no e-mail address to send the link to; send the package another way');
      const token = randomBytes(32).toString('base64url');
      const now = ctx.clock.now();
      const changes = {
        token_hash: tokenHash(token),
        expires_at: new Date(now.getTime() + PACKAGE_DAYS * 86_400_000).toISOString(),
        released_at: now.toISOString(),
        reviewed_by: actor.id,
      };
      if (!(await packages.release(trx, id, changes))) throw conflict(`Access package ${id} was released meanwhile`);
      const lang = langOf(request.language);
      const mail = packageLinkLetter(
        this.guard.policy,
        lang,
        request.reference,
        token,
        this.options.publicUrl,
        changes.expires_at,
        asKind(row.kind),
      );
      await enqueueMail(
        trx,
        {
          createdAt: isoNow(ctx.clock),
          ...mail,
          kind: 'access_package',
          to,
          language: lang,
          related: { type: 'access_package', id },
          subjectId: row.subject_id,
        },
        this.options.mailSecrets,
      );
      ctx.touch('access_package', id, row.subject_id);
      const status = asStatus(request.status);
      const answered = nextStatus(status, 'release', false);
      if (answered !== null) {
        const at = now.toISOString();
        if (!(await updateIfStatus(trx, request.id, status, { status: answered, answered_at: at, updated_at: at })))
          throw conflict(`Request ${request.reference} changed meanwhile; try again`);
        ctx.touch('rights_request', request.id);
      }
      return presentPackage({ ...row, ...changes, review_status: 'released' });
    });
  }

  /**
   * Sends a fresh one-time code to the address on file for the package behind the token: the link alone is
   * not enough, the person proves again that they control that address (EDPB 01/2022). For a package sent to
   * another organisation (Art. 20(2)) the code goes to the address the person confirmed for it.
   */
  async sendCode(tokenInput: string, ip: string): Promise<void> {
    const token = parse(packageToken, tokenInput, 'token');
    await this.limiter.hit([CODES_PER_IP, ip], [CODES_PER_PACKAGE, tokenHash(token)]);
    await this.guard.process({ actor: DOWNLOAD_ACTOR, operation: 'consult', recordType: 'subject' }, async (ctx) => {
      const row = await usable(ctx.trx, token, ctx.clock.now());
      const contact = await getContact(ctx.trx, row.subject_id);
      const request = await packages.getRequestContact(ctx.trx, row.request_id);
      const to = row.deliver_to ?? contact?.email ?? request?.requester_email ?? null;
      if (to === null || request === undefined)
        throw conflict('There is no e-mail address on file to send a code to; contact us');
      const code = await openPackageCode(ctx.trx, row.request_id, to, ctx.clock.now());
      const lang = langOf(request.language);
      const mail = packageCodeLetter(
        this.guard.policy,
        lang,
        request.reference,
        code,
        row.deliver_to === null ? 'person' : 'recipient',
      );
      await enqueueMail(
        ctx.trx,
        {
          createdAt: isoNow(ctx.clock),
          ...mail,
          kind: 'package_code',
          to,
          language: lang,
          related: { type: 'access_package', id: row.id },
          subjectId: row.subject_id,
        },
        this.options.mailSecrets,
      );
      ctx.touch('access_package', row.id, row.subject_id);
    });
  }

  /**
   * The zip, for the token and a fresh code; every download is an export in the log, or, by the organisation
   * the person had it sent to, a disclosure (Art. 20(2)) that marks the transfer's disclosure exported.
   */
  async download(tokenInput: string, code: string): Promise<{ filename: string; content: Buffer }> {
    const { row, now } = await this.redeem(tokenInput, code, false);
    return this.deliver(row, now);
  }

  /**
   * The page's way to the zip (post/redirect/get): the right code buys a grant for one download in the next few
   * minutes, which the page keeps in a cookie; a wrong code counts an attempt as with `download`.
   */
  async grantDownload(tokenInput: string, code: string): Promise<string> {
    const { grant } = await this.redeem(tokenInput, code, true);
    return grant ?? '';
  }

  /** Whether the grant still buys the download of the package behind the token (the page then offers it). */
  async granted(tokenInput: string, grant: string): Promise<boolean> {
    const token = parse(packageToken, tokenInput, 'token');
    const now = this.guard.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const row = await usable(trx, token, now);
      return checkPackageGrant(trx, row.request_id, grant, now, false);
    });
  }

  /** The zip for a grant: spent by this download, in the transaction that logs it. */
  async downloadGranted(tokenInput: string, grant: string): Promise<{ filename: string; content: Buffer }> {
    const token = parse(packageToken, tokenInput, 'token');
    const now = this.guard.clock.now();
    const row = await this.db.transaction().execute(async (trx) => usable(trx, token, now));
    return this.deliver(row, now, async (trx) => {
      if (!(await checkPackageGrant(trx, row.request_id, grant, now, true)))
        throw expired('The download was used or has expired; ask for a new code');
    });
  }

  /** The released package behind a link, or 404 (unknown) or 410 (expired): the page says which before it asks for anything. */
  async checkLink(tokenInput: string): Promise<void> {
    const token = parse(packageToken, tokenInput, 'token');
    const now = this.guard.clock.now();
    await this.db.transaction().execute(async (trx) => usable(trx, token, now));
  }

  /** Checks the code against the package's newest one; with `grant`, the right code opens a download grant. */
  private async redeem(
    tokenInput: string,
    code: string,
    grant: boolean,
  ): Promise<{ row: packages.PackageSummaryRow; now: Date; grant?: string }> {
    const token = parse(packageToken, tokenInput, 'token');
    const typed = parse(packageCode, code, 'code');
    // The code is checked in a transaction of its own, so a wrong code counts even though the download fails.
    const now = this.guard.clock.now();
    const verdict = await this.db.transaction().execute(async (trx) => {
      const row = await usable(trx, token, now);
      const result = await usePackageCode(trx, row.request_id, typed, now);
      return { row, result, grant: result === 'ok' && grant ? await openPackageGrant(trx, row.request_id, now) : undefined };
    });
    if (verdict.result === 'wrong') throw validationFailed('The code is not right; check the mail, or ask for a new code');
    if (verdict.result === 'closed') throw expired('The code was used, has expired or was tried too often; ask for a new code');
    return { row: verdict.row, now, ...(verdict.grant === undefined ? {} : { grant: verdict.grant }) };
  }

  /** The zip itself, logged as the export or disclosure it is; `before` runs first in the same transaction. */
  private async deliver(
    row: packages.PackageSummaryRow,
    now: Date,
    before?: (trx: Executor) => Promise<void>,
  ): Promise<{ filename: string; content: Buffer }> {
    return this.guard.process(downloadProcessing(this.guard.policy, row), async (ctx) => {
      await before?.(ctx.trx);
      const content = await packages.getContent(ctx.trx, row.id);
      if (content === undefined) throw notFound('Access package');
      await packages.markDownloaded(ctx.trx, row.id, now.toISOString());
      ctx.touch('access_package', row.id, row.subject_id);
      if (row.disclosure_id !== null) {
        await markExported(ctx.trx, row.disclosure_id, now.toISOString());
        ctx.touch('disclosure', row.disclosure_id);
      }
      return { filename: 'persoonsgegevens.zip', content: Buffer.from(content) };
    });
  }
}

/**
 * The released package behind a token: 404 when no package has that token (a wrong, guessed or never
 * released link, or someone else's), 410 once it has expired.
 */
async function usable(
  db: Parameters<typeof packages.getByTokenHash>[0],
  token: string,
  now: Date,
): Promise<packages.PackageSummaryRow> {
  const row = await packages.getByTokenHash(db, tokenHash(token));
  if (row === undefined || row.review_status !== 'released') throw notFound('Access package');
  if (row.expires_at <= now.toISOString()) throw expired('This link has expired; file a new request for access');
  return row;
}

/** What a package answers, as the letters know it. */
const asKind = (kind: string): PackageKind => (kind === 'portability' ? 'portability' : 'access');

/** A download: by the person an export; by the organisation a person named, the disclosure Art. 20(2) asked for. */
function downloadProcessing(policy: Policy, row: packages.PackageSummaryRow): Processing {
  if (row.deliver_to === null) return { actor: DOWNLOAD_ACTOR, operation: 'export', recordType: 'subject', includes: INCLUDES };
  return transferProcessing(DOWNLOAD_ACTOR, policy, row.subject_id, `portability download by ${row.deliver_to}`);
}
