import type { Kysely } from 'kysely';
import type { BreachService } from '../breaches/breach.service.ts';
import type { DB } from '../db/types.ts';
import * as selfChecks from '../doctor/self-check.repository.ts';
import { forbidden, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { businessToday } from '../shared/business-day.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { Policy } from '../policy/policy.ts';
import { legalEnd } from '../rights/deadline.ts';
import { OPEN_STATUSES } from '../rights/request-status.ts';
import { parse } from '../shared/parse.ts';
import { langOf } from '../shared/words.ts';
import { chosenKinds, kindsForRole, REMINDER_KINDS, type ReminderKind } from './reminder-kinds.ts';
import { MAIL_KIND, type Occasion, reminderLetter } from './reminder-letters.ts';
import * as reminders from './reminder.repository.ts';
import { type ReminderPreferences, reminderPreferencesInput } from './reminder.schema.ts';

/** The job's actor: it reads the breach register, which only the dpo may. */
export const REMINDER_ACTOR: Actor = { kind: 'system', id: 'reminders', role: 'dpo' };

/** A request arrived this recently is news; older ones (a server that was off, a first start) are not announced. */
const ARRIVAL_WINDOW_MS = 3 * 86_400_000;
/** Art. 33(1) gives 72 hours; with 24 left the dpo is reminded. */
const BREACH_REMIND_AFTER_HOURS = 48;
const HOUR_MS = 3_600_000;

export interface ReminderOptions {
  /** The clock the reminders read (createServices passes its one clock); the machine's clock by default. */
  clock?: Clock;
  /** KLUIS_PUBLIC_URL: the reminders link to the page where to act; without it they name the reference. */
  publicUrl?: string | undefined;
  /** A request's deadline this many days ahead (or past) is reminded of; 7 by default. */
  deadlineDays?: number;
}

export type ReminderReport = Record<ReminderKind, number>;

/**
 * Reminders by mail to the people who must act (issue 19, part 4): each occasion once to each account that
 * chose its kind and whose role can act on it, through the outbox, in the account's language. The key of each
 * reminder (`reminders_sent`) is written in the transaction that queues its mail, so a second run, or a second
 * instance running at the same moment, sends nothing twice.
 */
export class ReminderService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly breaches: BreachService;
  private readonly clock: Clock;
  private readonly publicUrl: string | undefined;
  private readonly deadlineDays: number;

  constructor(db: Kysely<DB>, policy: Policy, breaches: BreachService, options: ReminderOptions = {}) {
    this.db = db;
    this.policy = policy;
    this.breaches = breaches;
    this.clock = options.clock ?? systemClock;
    this.publicUrl = options.publicUrl;
    this.deadlineDays = options.deadlineDays ?? 7;
  }

  /** Sends every reminder that is due and was not sent; how many of each kind went out. */
  async sendDue(): Promise<ReminderReport> {
    const report = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as ReminderReport;
    const occasions = await this.occasions();
    const accounts = await reminders.activeAccounts(this.db);
    const planned = accounts.flatMap((account) => {
      const kinds = new Set(chosenKinds(this.policy, account));
      return occasions.filter((o) => kinds.has(o.kind)).map((o) => ({ account, o, key: `${o.key}:${account.id}` }));
    });
    const sent = await reminders.sentKeys(
      this.db,
      planned.map((p) => p.key),
    );
    for (const { account, o, key } of planned) {
      if (sent.has(key)) continue;
      const lang = langOf(account.language);
      const went = await this.db.transaction().execute(async (trx) => {
        const at = isoNow(this.clock);
        if (!(await reminders.markSent(trx, { key, user_id: account.id, kind: o.kind, sent_at: at, outbox_id: '' })))
          return false;
        const outboxId = await enqueueMail(trx, {
          createdAt: isoNow(this.clock),
          ...reminderLetter(this.policy, lang, o, { name: account.display_name }, this.publicUrl),
          kind: MAIL_KIND[o.kind],
          to: account.email,
          language: lang,
          related: { type: 'user', id: account.id },
        });
        await trx.updateTable('reminders_sent').set({ outbox_id: outboxId }).where('key', '=', key).execute();
        return true;
      });
      if (went) report[o.kind] += 1;
    }
    return report;
  }

  /** Everything a reminder may be about now. */
  private async occasions(): Promise<Occasion[]> {
    const now = this.clock.now();
    const today = businessToday(now);
    const horizon = businessToday(new Date(now.getTime() + this.deadlineDays * 86_400_000));
    const arrivedSince = new Date(now.getTime() - ARRIVAL_WINDOW_MS).toISOString();
    const occasions: Occasion[] = [];
    for (const r of await reminders.openRequests(this.db, OPEN_STATUSES)) {
      const deadline = legalEnd(r.extended_to ?? r.due_on);
      const request = { requestId: r.id, reference: r.reference, requestKind: r.kind, deadline };
      if (r.received_at >= arrivedSince)
        occasions.push({ kind: 'request_received', key: `request_received:${r.id}`, ...request });
      // Keyed by the deadline: an extension (Art. 12(3)) brings a new one, reminded of again.
      if (deadline <= horizon) occasions.push({ kind: 'deadline_near', key: `deadline_near:${r.id}:${deadline}`, ...request });
    }
    for (const p of await reminders.packagesAwaitingRelease(this.db)) {
      occasions.push({
        kind: 'package_waiting',
        key: `package_waiting:${p.id}`,
        requestId: p.request_id,
        reference: p.reference,
        since: p.created_at,
      });
    }
    for (const h of await reminders.holdsToReview(this.db, today)) {
      const reviewOn = h.review_on ?? today;
      occasions.push({ kind: 'hold_review', key: `hold_review:${h.id}:${reviewOn}`, subjectId: h.subject_id, reviewOn });
    }
    for (const b of await this.breaches.list(REMINDER_ACTOR, { open: 'true' })) {
      const hours = (now.getTime() - Date.parse(b.becameAwareAt)) / HOUR_MS;
      if (b.clock.hoursLeft !== null && hours >= BREACH_REMIND_AFTER_HOURS) {
        occasions.push({
          kind: 'breach_clock',
          key: `breach_clock:${b.id}`,
          breachId: b.id,
          description: b.description,
          deadline: b.clock.deadline,
        });
      }
    }
    const [run] = await selfChecks.listRuns(this.db, 1);
    if (run !== undefined && run.errors > 0) {
      const errors = (await selfChecks.resultsOf(this.db, run.id)).filter((r) => r.severity === 'error');
      // Once a day while the same checks fail; a new failure is news at once.
      const ids = errors.map((e) => e.check_id).sort();
      occasions.push({
        kind: 'self_check_error',
        key: `self_check_error:${ids.join(',')}:${businessToday(new Date(run.finished_at))}`,
        // The checks by id: the mail words each for people (check-words.ts), not by the check's technical message.
        checks: errors.map((e) => e.check_id),
      });
    }
    return occasions;
  }

  /** The signed-in account's language and reminders. */
  async preferences(actor: Actor): Promise<ReminderPreferences> {
    const account = await this.account(actor);
    return {
      language: langOf(account.language),
      reminders: chosenKinds(this.policy, account),
      available: kindsForRole(this.policy, account.role),
    };
  }

  /** Changes the signed-in account's language and reminders; a reminder its role may not get is refused. */
  async setPreferences(actor: Actor, input: unknown): Promise<ReminderPreferences> {
    const data = parse(reminderPreferencesInput, input, 'reminder preferences');
    const account = await this.account(actor);
    const available = kindsForRole(this.policy, account.role);
    const refused = (data.reminders ?? []).filter((k) => !available.includes(k));
    if (refused.length > 0)
      throw validationFailed(`The role ${account.role} gets no reminder of this kind`, [
        { path: ['reminders'], message: `not available: ${refused.join(', ')}` },
      ]);
    const chosen = data.reminders ?? chosenKinds(this.policy, account);
    const language = data.language ?? langOf(account.language);
    await this.db.transaction().execute(async (trx) => {
      await reminders.setPreferences(trx, account.id, {
        language,
        reminders: JSON.stringify(REMINDER_KINDS.filter((k) => chosen.includes(k))),
      });
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${account.id}`],
        reason: `reminders: ${chosen.length === 0 ? 'none' : chosen.join(', ')}; language ${language}`,
      });
    });
    return this.preferences(actor);
  }

  private async account(actor: Actor) {
    const account = actor.kind === 'user' ? await reminders.preferencesOf(this.db, actor.id) : undefined;
    if (account === undefined) throw forbidden('Only a signed-in account has reminders');
    return account;
  }
}
