import { throughSystemDoor } from '../guard/door.ts';
import type { Kysely } from 'kysely';
import type { BreachService } from '../breaches/breach.service.ts';
import type { DB } from '../db/types.ts';
import type { SelfCheckService } from '../doctor/self-check.service.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { addDays, businessDate, businessToday, daysBetween as days } from '../shared/business-day.ts';
import { type Clock } from '../shared/clock.ts';
import { personOf } from '../invoices/invoice.presenter.ts';
import type { PaymentService } from '../invoices/payment.service.ts';
import type { Policy } from '../policy/policy.ts';
import { processorParties } from '../registers/processor-parties.ts';
import { listRecipients } from '../registers/recipient.repository.ts';
import { isOpen } from '../rights/request-status.ts';
import type { RequestService } from '../rights/request.service.ts';
import * as reminders from './reminder.repository.ts';
import * as start from './start.repository.ts';
import { START_LIMIT } from './start.repository.ts';
import type { StartPage } from './start.schema.ts';

/** Holds whose review date is this close are listed (the review itself is reminded of on the day). */
const HOLD_REVIEW_DAYS = 14;
/** Processor agreements ending this soon are listed (Art. 28(3): no processor without one). */
const AGREEMENT_WINDOW_DAYS = 60;

const part = <T>(items: T[], total = items.length) => ({ items: items.slice(0, START_LIMIT), total });

export interface StartDeps {
  requests: RequestService;
  breaches: BreachService;
  selfChecks: SelfCheckService;
  payments: PaymentService;
}

/**
 * The start page (issue 19, part 4): what needs doing today, for the role that signed in. The dpo: requests by
 * deadline (a package waiting for release among them), holds to review, breaches with their 72-hour clock,
 * processor agreements missing or ending, the self-check's findings. Staff: requests, their open cases, draft and
 * overdue invoices. The accountant: what the fiscal export covers. Every part that names a person is read
 * through the guard, one logged consult each; a part the role may not see is not read at all.
 */
export class StartService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly deps: StartDeps;
  private readonly clock: Clock;

  /** Reads the time from the guard's clock unless given one. */
  constructor(db: Kysely<DB>, guard: Guard, deps: StartDeps, clock: Clock = guard.clock) {
    this.db = db;
    this.guard = guard;
    this.policy = guard.policy;
    this.deps = deps;
    this.clock = clock;
  }

  async forActor(actor: Actor): Promise<StartPage> {
    const role = actor.role;
    const today = businessToday(this.clock.now());
    const privacyOfficer = this.policy.mayAdminister(role, 'breaches');
    const handlesCases = this.policy.allows(role, 'consult', 'case');
    const handlesInvoices = this.policy.allows(role, 'consult', 'invoice');
    const keepsRegisters = this.policy.mayAdminister(role, 'registers');
    const processorAgreements = keepsRegisters ? await this.agreements(today) : null;
    const selfCheck = this.policy.mayAdminister(role, 'self_checks') ? await this.selfCheck(actor) : null;
    return {
      role,
      today,
      requests: handlesCases ? await this.requests(actor, today) : null,
      holds: this.policy.mayAdminister(role, 'holds') ? await this.holds(actor, today) : null,
      breaches: privacyOfficer ? await this.breaches(actor) : null,
      processorAgreements,
      selfCheck,
      checklist: processorAgreements === null ? null : await this.checklist(processorAgreements, selfCheck),
      // The privacy officer's page is about the privacy work; staff's about the daily work.
      cases: handlesCases && !privacyOfficer ? await this.cases(actor) : null,
      drafts: handlesCases && handlesInvoices && !privacyOfficer ? await this.drafts(actor) : null,
      overdue: handlesCases && handlesInvoices && !privacyOfficer ? await this.overdue(actor) : null,
      fiscal: handlesInvoices && !handlesCases ? await this.fiscal(actor, today) : null,
    };
  }

  private async requests(actor: Actor, today: string): Promise<NonNullable<StartPage['requests']>> {
    // The open ones by the deadline in force, earliest first: one page holds more than the start page shows.
    const list = await this.deps.requests.list(actor, { open: true, sort: 'deadline', order: 'asc', pageSize: 100 });
    const waiting = new Set((await reminders.packagesAwaitingRelease(this.db)).map((p) => p.request_id));
    const items = list.items
      .filter((r) => isOpen(r.status))
      .map((r) => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        status: r.status,
        legalEnd: r.legalEnd,
        daysLeft: days(today, r.legalEnd),
        overdue: r.overdue,
        packageWaiting: waiting.has(r.id),
      }))
      .sort((a, b) => a.legalEnd.localeCompare(b.legalEnd) || a.reference.localeCompare(b.reference));
    return part(items, list.total);
  }

  private async holds(actor: Actor, today: string): Promise<NonNullable<StartPage['holds']>> {
    // Art. 18(2): holds exist for legal claims, so a restricted person's hold is still shown, as the holds' own pages do.
    const processing = {
      actor,
      operation: 'consult' as const,
      recordType: 'subject' as const,
      exception: { ground: 'legal_claims' as const, reason: 'holds to review on the start page' },
    };
    return this.guard.process(processing, async (ctx) => {
      const { rows, total } = await start.holdsToReview(ctx.trx, today, addDays(today, HOLD_REVIEW_DAYS));
      for (const h of rows) ctx.touch('legal_hold', h.id, h.subject_id);
      return {
        items: rows.map((h) => ({
          id: h.id,
          subjectId: h.subject_id,
          customer: `${h.first_name} ${h.last_name}`.trim(),
          reviewOn: h.review_on ?? today,
          endsOn: h.ends_on,
        })),
        total,
      };
    });
  }

  private async breaches(actor: Actor): Promise<NonNullable<StartPage['breaches']>> {
    const open = await this.deps.breaches.list(actor, { open: 'true' });
    // The clock decides the order: the least time left first, those past it before all.
    const left = (b: (typeof open)[number]) => b.clock.hoursLeft ?? Number.POSITIVE_INFINITY;
    return part(
      open
        .sort((a, b) => left(a) - left(b))
        .map((b) => ({ id: b.id, description: b.description, becameAwareAt: b.becameAwareAt, clock: b.clock })),
    );
  }

  private async agreements(today: string): Promise<NonNullable<StartPage['processorAgreements']>> {
    const register = await listRecipients(this.db);
    const byId = new Map(register.map((r) => [r.id, r]));
    const until = addDays(today, AGREEMENT_WINDOW_DAYS);
    const items = processorParties(register).flatMap((p): NonNullable<StartPage['processorAgreements']>['items'] => {
      const r = byId.get(p.recipientId);
      const recipient = r?.name ?? { nl: p.recipientId, en: p.recipientId };
      const company = r?.companies.find((c) => c.id === p.companyId)?.legalName ?? null;
      const expiresOn = p.agreement?.expiresOn ?? null;
      if (p.agreement === null) return [{ recipient, company, state: 'missing' as const, expiresOn }];
      if (expiresOn !== null && expiresOn < today) return [{ recipient, company, state: 'expired' as const, expiresOn }];
      if (expiresOn !== null && expiresOn <= until) return [{ recipient, company, state: 'expiring' as const, expiresOn }];
      return [];
    });
    return { items, total: items.length, windowDays: AGREEMENT_WINDOW_DAYS };
  }

  private async checklist(
    agreements: NonNullable<StartPage['processorAgreements']>,
    selfCheck: StartPage['selfCheck'],
  ): Promise<NonNullable<StartPage['checklist']>> {
    const steps = await throughSystemDoor('self-check', () => start.firstSteps(this.db));
    const backup =
      selfCheck === null || selfCheck.finishedAt === null
        ? null
        : !selfCheck.findings.some((f) => f.id === 'backup-recent' && f.severity === 'error');
    return {
      processorAgreements: agreements.items.every((a) => a.state === 'expiring'),
      backups: backup,
      firstCustomer: steps.customers,
      statementPublished: steps.statement,
    };
  }

  private async selfCheck(actor: Actor): Promise<NonNullable<StartPage['selfCheck']>> {
    const { latest } = await this.deps.selfChecks.history(actor, { limit: 1 });
    if (latest === null) return { finishedAt: null, errors: 0, warnings: 0, findings: [] };
    const findings = latest.checks.flatMap((c) =>
      c.severity === 'ok' ? [] : [{ id: c.id, severity: c.severity, message: { nl: c.messageNl, en: c.message } }],
    );
    const rank = { error: 0, warning: 1, unknown: 2 } as const;
    return {
      finishedAt: latest.finishedAt,
      errors: latest.errors,
      warnings: latest.warnings,
      findings: findings.sort((a, b) => rank[a.severity] - rank[b.severity]),
    };
  }

  private async cases(actor: Actor): Promise<NonNullable<StartPage['cases']>> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'case', includes: ['subject'] }, async (ctx) => {
      const { rows, total } = await start.openCases(ctx.trx);
      for (const c of rows) ctx.touch('case', c.id, c.subject_id);
      return {
        items: rows.map((c) => ({
          id: c.id,
          reference: c.reference,
          title: c.title,
          kind: c.kind,
          openedAt: c.opened_at,
          subjectId: c.subject_id,
          customer: `${c.first_name} ${c.last_name}`.trim(),
        })),
        total,
      };
    });
  }

  private async drafts(actor: Actor): Promise<NonNullable<StartPage['drafts']>> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'invoice' }, async (ctx) => {
      const { rows, total } = await start.draftInvoices(ctx.trx);
      for (const r of rows) ctx.touch('invoice', r.id, personOf(r) ?? undefined);
      return {
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          customer: r.billing_name,
          totalInclCents: r.total_incl_cents,
          date: businessDate(r.created_at),
        })),
        total,
      };
    });
  }

  private async overdue(actor: Actor): Promise<NonNullable<StartPage['overdue']>> {
    const rows = await this.deps.payments.overdue(actor);
    return part(
      rows.map((r) => ({
        id: r.id,
        number: r.number,
        customer: r.billing.name,
        totalInclCents: r.totalInclCents,
        date: r.dueDate ?? '',
      })),
    );
  }

  private async fiscal(actor: Actor, today: string): Promise<NonNullable<StartPage['fiscal']>> {
    const year = Number(today.slice(0, 4));
    // Counts only, yet of invoices: logged as the accountant's consult like every look at them.
    return this.guard.process({ actor, operation: 'consult', recordType: 'invoice' }, async (ctx) => ({
      year,
      issuedThisYear: await start.issuedInYear(ctx.trx, year),
      issuedLastYear: await start.issuedInYear(ctx.trx, year - 1),
    }));
  }
}
