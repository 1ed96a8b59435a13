import type { Kysely } from 'kysely';
import type { DB, StatementVersionRow } from '../db/types.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { listRecipients } from '../registers/recipient.repository.ts';
import { parse } from '../shared/parse.ts';
import { businessDate } from '../shared/business-day.ts';
import { type DiffLine, diffLines } from './line-diff.ts';
import { type RenderedStatements, renderStatements } from './render.ts';
import type { Lang } from './statement-document.ts';
import * as versions from './statement.repository.ts';
import {
  type Preview,
  type PublishInput,
  type PublishResult,
  type StatementVersion,
  previewQuerySchema,
  publishInputSchema,
} from './statement.schema.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import type { Executor } from '../db/executor.ts';
import { requireCapability } from '../guard/capability.ts';

/** What a statement page shows: a published version, or (before the first) the policy rendered today. */
export interface ServedStatement {
  version: StatementVersion | null;
  /** The <article> HTML, escaped when it was rendered. */
  article: string;
  markdown: string;
}

/** The privacy statement generated from the policy (P14), and its published versions. */
export class StatementService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock = systemClock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  /** The current policy and register rendered today, in both languages. Not published. */
  async renderCurrent(): Promise<RenderedStatements> {
    return this.render(this.db);
  }

  async preview(actor: Actor, input: unknown): Promise<Preview> {
    this.requireDpo(actor);
    const query = parse(previewQuerySchema, input, 'preview');
    const rendered = await this.renderOrRefuse(this.db);
    const latest = await versions.latest(this.db);
    const one = rendered[query.lang];
    return {
      lang: query.lang,
      format: query.format,
      content: query.format === 'md' ? one.markdown : one.html,
      contentHash: rendered.contentHash,
      publishedVersion: latest?.version ?? null,
      unpublishedChanges: latest?.content_hash !== rendered.contentHash,
    };
  }

  /**
   * Publishes the statement as the next version, unless its text equals the newest version's: then
   * nothing is stored and that version is returned. The date line does not count as text.
   */
  async publish(actor: Actor, input: PublishInput = {}): Promise<PublishResult> {
    this.requireDpo(actor);
    const options = parse(publishInputSchema, input, 'publication');
    return this.db.transaction().execute(async (trx) => {
      const rendered = await this.renderOrRefuse(trx);
      const latest = await versions.latest(trx);
      if (latest !== undefined && latest.content_hash === rendered.contentHash) {
        return {
          published: false,
          message: `Nothing changed since version ${latest.version}; nothing was published`,
          version: presentVersion(latest),
        };
      }
      const row: StatementVersionRow = {
        version: Number(latest?.version ?? 0) + 1,
        published_at: this.clock.now().toISOString(),
        published_by: `${actor.kind}:${actor.id}`,
        content_hash: rendered.contentHash,
        markdown_nl: rendered.nl.markdown,
        markdown_en: rendered.en.markdown,
        html_nl: rendered.nl.html,
        html_en: rendered.en.html,
        material_change: options.materialChange === true ? 1 : 0,
        change_summary: options.changeSummary ?? null,
        // The intent to tell customers of a material change; the outbox that sends it comes with the rights work.
        customer_notice: options.materialChange === true ? 'requested' : 'none',
      };
      await versions.insert(trx, row);
      return { published: true, message: `Published version ${row.version}`, version: presentVersion(row) };
    });
  }

  /** Every published version, newest first. Public: the statement's history is part of the statement. */
  async list(): Promise<StatementVersion[]> {
    return (await versions.list(this.db)).map(presentVersion);
  }

  /** One version; an unknown or malformed number is not_found. */
  async get(version: string | number): Promise<StatementVersionRow> {
    const n = typeof version === 'number' ? version : /^[1-9]\d{0,8}$/.test(version) ? Number(version) : Number.NaN;
    const row = Number.isInteger(n) ? await versions.getByVersion(this.db, n) : undefined;
    if (row === undefined) throw notFound('Statement version', String(version).slice(0, 20));
    return row;
  }

  /** The newest published version in the language, or the policy rendered today when none is published yet. */
  async served(lang: Lang): Promise<ServedStatement> {
    const latest = await versions.latest(this.db);
    if (latest !== undefined) return servedFrom(latest, lang);
    const rendered = (await this.render(this.db))[lang];
    return { version: null, article: rendered.html, markdown: rendered.markdown };
  }

  async servedVersion(version: string, lang: Lang): Promise<ServedStatement> {
    return servedFrom(await this.get(version), lang);
  }

  /** The Markdown of a version against the one before it, line by line (the first against nothing). */
  async diff(version: string, lang: Lang): Promise<{ version: StatementVersion; previous: number | null; lines: DiffLine[] }> {
    const row = await this.get(version);
    const previous = row.version > 1 ? await versions.getByVersion(this.db, row.version - 1) : undefined;
    const markdown = (r: StatementVersionRow | undefined) =>
      r === undefined ? '' : lang === 'nl' ? r.markdown_nl : r.markdown_en;
    return {
      version: presentVersion(row),
      previous: previous?.version ?? null,
      lines: diffLines(markdown(previous), markdown(row)),
    };
  }

  private async render(db: Executor): Promise<RenderedStatements> {
    const recipients = await listRecipients(db);
    return renderStatements(this.policy, recipients, businessDate(this.clock.now()));
  }

  /** Nothing is published from a policy the statement cannot be written from truthfully. */
  private async renderOrRefuse(db: Executor): Promise<RenderedStatements> {
    const recipients = await listRecipients(db);
    try {
      return renderStatements(this.policy, recipients, businessDate(this.clock.now()));
    } catch (error) {
      throw validationFailed(
        `The privacy statement cannot be written from this policy and register: ${(error as Error).message}`,
      );
    }
  }

  private requireDpo(actor: Actor): void {
    requireCapability(this.policy, actor, 'statement', 'publish the privacy statement');
  }
}

function servedFrom(row: StatementVersionRow, lang: Lang): ServedStatement {
  return {
    version: presentVersion(row),
    article: lang === 'nl' ? row.html_nl : row.html_en,
    markdown: lang === 'nl' ? row.markdown_nl : row.markdown_en,
  };
}

export function presentVersion(row: versions.StatementVersionSummaryRow): StatementVersion {
  return {
    version: Number(row.version),
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    contentHash: row.content_hash,
    materialChange: Number(row.material_change) === 1,
    changeSummary: row.change_summary,
    customerNotice: row.customer_notice === 'requested' ? 'requested' : 'none',
  };
}
