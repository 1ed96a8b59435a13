import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { BreachRow, DB } from '../db/types.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Guard } from '../guard/guard.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { Policy } from '../policy/policy.ts';
import { langOf } from '../rights/request-words.ts';
import { parse } from '../shared/parse.ts';
import { businessDate } from '../shared/business-day.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { isLate } from './breach-clock.ts';
import { breachLetter } from './breach-letters.ts';
import { type LetterCounts, NO_LETTERS, presentBreach } from './breach.presenter.ts';
import * as breaches from './breach.repository.ts';
import {
  type Breach,
  type BreachLetters,
  type BreachPatch,
  type Exemption,
  type LettersResult,
  type NewBreach,
  type NewNotification,
  breachLettersSchema,
  breachListQuerySchema,
  breachPatchSchema,
  exemptionSchema,
  newBreachSchema,
  newNotificationSchema,
} from './breach.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import type { Executor } from '../db/executor.ts';
import { requireCapability } from '../guard/capability.ts';

// A little slack for clocks that run ahead; what is recorded happened before it was recorded.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const OPEN_STATES = new Set(['running', 'near', 'overdue']);

/**
 * The breach register (Art. 33(5) GDPR), kept by whoever holds the `breaches` capability (the dpo): every
 * incident with its facts, effects and remedial action, the 72-hour clock to the supervisory authority
 * (Art. 33(1)), its notifications in phases (Art. 33(4)), and for a high risk the letters to the persons or
 * the recorded exemption (Art. 34). The register is not personal data: its changes are administrative
 * entries of the processing log. The letters read the persons' contact details, so they pass the guard.
 */
export class BreachService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, options: { clock?: Clock } = {}) {
    this.db = db;
    this.guard = guard;
    this.policy = guard.policy;
    this.clock = options.clock ?? systemClock;
  }

  async record(actor: Actor, input: NewBreach): Promise<Breach> {
    this.requireKeeper(actor);
    const data = parse(newBreachSchema, input, 'breach');
    const now = this.clock.now();
    if (Date.parse(data.becameAwareAt) > now.getTime() + CLOCK_SKEW_MS) {
      throw validationFailed('Invalid breach: becameAwareAt: must not be in the future', [
        { path: 'becameAwareAt', message: 'must not be in the future' },
      ]);
    }
    this.checkCategories(data.dataCategories);
    const at = now.toISOString();
    const row: BreachRow = {
      id: randomUUID(),
      became_aware_at: data.becameAwareAt,
      description: data.description,
      subject_categories: JSON.stringify(data.subjectCategories),
      data_categories: JSON.stringify(data.dataCategories),
      approx_subjects: data.approxSubjects,
      approx_records: data.approxRecords,
      consequences: data.consequences,
      measures: data.measures,
      risk: data.risk,
      exemption_ground: null,
      exemption_motivation: null,
      public_notice_on: null,
      public_notice_where: null,
      public_notice_text: null,
      exemption_recorded_at: null,
      exemption_recorded_by: null,
      recorded_at: at,
      recorded_by: actor.id,
      updated_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      await breaches.insert(trx, row);
      await this.log(
        trx,
        actor,
        'store',
        [`breach:${row.id}`],
        `breach recorded: risk ${row.risk}, aware since ${row.became_aware_at}`,
      );
    });
    return presentBreach(row, [], NO_LETTERS, now);
  }

  /** Every breach, the most recently discovered first; `open=true`: only those whose notification is still due. */
  async list(actor: Actor, input: unknown = {}): Promise<Breach[]> {
    this.requireKeeper(actor);
    const q = parse(breachListQuerySchema, input, 'breach query');
    const all = await this.present(this.db, await breaches.list(this.db));
    return q.open === 'true' ? all.filter((b) => OPEN_STATES.has(b.clock.state)) : all;
  }

  async get(actor: Actor, id: string): Promise<Breach> {
    this.requireKeeper(actor);
    return this.presentOne(this.db, await this.load(this.db, id));
  }

  /** Changes the assessment as more becomes known (Art. 33(4)); when the persons became aware stays as recorded. */
  async update(actor: Actor, id: string, input: BreachPatch): Promise<Breach> {
    this.requireKeeper(actor);
    const p = parse(breachPatchSchema, input, 'change of a breach');
    if (p.dataCategories !== undefined) this.checkCategories(p.dataCategories);
    return this.db.transaction().execute(async (trx) => {
      const current = await this.load(trx, id);
      const changes = {
        ...(p.description === undefined ? {} : { description: p.description }),
        ...(p.subjectCategories === undefined ? {} : { subject_categories: JSON.stringify(p.subjectCategories) }),
        ...(p.dataCategories === undefined ? {} : { data_categories: JSON.stringify(p.dataCategories) }),
        ...(p.approxSubjects === undefined ? {} : { approx_subjects: p.approxSubjects }),
        ...(p.approxRecords === undefined ? {} : { approx_records: p.approxRecords }),
        ...(p.consequences === undefined ? {} : { consequences: p.consequences }),
        ...(p.measures === undefined ? {} : { measures: p.measures }),
        ...(p.risk === undefined ? {} : { risk: p.risk }),
        updated_at: this.clock.now().toISOString(),
      };
      await breaches.update(trx, id, changes);
      const risk = p.risk !== undefined && p.risk !== current.risk ? `; risk ${current.risk} -> ${p.risk}` : '';
      await this.log(trx, actor, 'modify', [`breach:${id}`], `breach assessment changed: ${Object.keys(p).join(', ')}${risk}`);
      return this.presentOne(trx, { ...current, ...changes });
    });
  }

  /** Records a notification to the supervisory authority; after the 72 hours only with the reasons (Art. 33(1)). */
  async notify(actor: Actor, id: string, input: NewNotification): Promise<Breach> {
    this.requireKeeper(actor);
    const data = parse(newNotificationSchema, input, 'notification');
    const now = this.clock.now();
    if (Date.parse(data.notifiedAt) > now.getTime() + CLOCK_SKEW_MS) {
      throw validationFailed('Invalid notification: notifiedAt: must not be in the future', [
        { path: 'notifiedAt', message: 'must not be in the future' },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      const breach = await this.load(trx, id);
      const earlier = await breaches.notificationsOf(trx, [id]);
      if (Date.parse(data.notifiedAt) < Date.parse(breach.became_aware_at)) {
        throw validationFailed('Invalid notification: notifiedAt: is before the breach became known', [
          { path: 'notifiedAt', message: `must not be before ${breach.became_aware_at}` },
        ]);
      }
      if (earlier.some((n) => n.phase === 'final'))
        throw conflict('The final notification of this breach was recorded; nothing follows it');
      const initial = earlier.find((n) => n.phase === 'initial');
      if (data.phase === 'initial' && initial !== undefined)
        throw conflict(
          `The initial notification of this breach was recorded already (${initial.reference}); record a follow_up or the final one`,
        );
      if (data.phase !== 'initial' && initial === undefined)
        throw conflict('Record the initial notification first (Art. 33(4): further information follows it in phases)');
      const last = earlier.at(-1);
      if (last !== undefined && Date.parse(data.notifiedAt) < Date.parse(last.notified_at)) {
        throw validationFailed('Invalid notification: notifiedAt: is before the previous notification', [
          { path: 'notifiedAt', message: `must not be before ${last.notified_at}` },
        ]);
      }
      if (data.phase === 'initial' && isLate(breach.became_aware_at, data.notifiedAt) && data.lateReason === undefined) {
        const hours = Math.round((Date.parse(data.notifiedAt) - Date.parse(breach.became_aware_at)) / 360_000) / 10;
        throw validationFailed(
          `Invalid notification: lateReason: the notification comes ${hours} hours after the breach became known, past the 72 hours; Art. 33(1) requires the reasons for the delay`,
          [{ path: 'lateReason', message: 'required for a notification after 72 hours (Art. 33(1))' }],
        );
      }
      const row = {
        id: randomUUID(),
        breach_id: id,
        phase: data.phase,
        notified_at: data.notifiedAt,
        reference: data.reference,
        summary: data.summary ?? null,
        late_reason: data.lateReason ?? null,
        recorded_at: now.toISOString(),
        recorded_by: actor.id,
      };
      await breaches.insertNotification(trx, row);
      await breaches.update(trx, id, { updated_at: now.toISOString() });
      await this.log(
        trx,
        actor,
        'store',
        [`breach:${id}`, `breach_notification:${row.id}`],
        `${data.phase} notification to the supervisory authority, reference ${data.reference}`,
      );
      return this.presentOne(trx, { ...breach, updated_at: now.toISOString() });
    });
  }

  /** Records why the persons are not told one by one (Art. 34(3)); only for a high risk, once. */
  async exempt(actor: Actor, id: string, input: Exemption): Promise<Breach> {
    this.requireKeeper(actor);
    const data = parse(exemptionSchema, input, 'exemption');
    const now = this.clock.now();
    const notice = data.publicNotice;
    if (notice !== undefined && notice.publishedOn > businessDate(now)) {
      throw validationFailed('Invalid exemption: publicNotice.publishedOn: must not be in the future', [
        { path: 'publicNotice.publishedOn', message: 'record the public notice once it was made' },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      const breach = await this.load(trx, id);
      if (breach.risk !== 'high')
        throw conflict(`Art. 34 applies to a high risk only; this breach's risk is ${breach.risk}`, { risk: breach.risk });
      const fields = {
        exemption_ground: data.ground,
        exemption_motivation: data.motivation,
        public_notice_on: notice?.publishedOn ?? null,
        public_notice_where: notice?.where ?? null,
        public_notice_text: notice?.text ?? null,
        exemption_recorded_at: now.toISOString(),
        exemption_recorded_by: actor.id,
        updated_at: now.toISOString(),
      };
      if (!(await breaches.recordExemption(trx, id, fields))) throw conflict('An exemption of this breach was recorded already');
      await this.log(trx, actor, 'modify', [`breach:${id}`], `Art. 34(3) exemption recorded: ${data.ground}`);
      return this.presentOne(trx, { ...breach, ...fields });
    });
  }

  /**
   * Tells the chosen persons of a breach with a high risk (Art. 34(1)), each in their language, through the
   * outbox. One processing of their contact details, through the guard: logged naming every person. A person
   * told before gets no second letter; one without an e-mail address gets the letter back, to post.
   */
  async sendLetters(actor: Actor, id: string, input: BreachLetters, purpose?: string): Promise<LettersResult> {
    this.requireKeeper(actor);
    const data = parse(breachLettersSchema, input, 'letters');
    const breach = await this.load(this.db, id);
    if (breach.risk !== 'high')
      throw conflict(`Art. 34 letters are for a high risk; this breach's risk is ${breach.risk}`, { risk: breach.risk });
    if (breach.exemption_ground !== null)
      throw conflict(`An Art. 34(3) exemption (${breach.exemption_ground}) was recorded: the persons are not told by letter`);
    const dataCategories = JSON.parse(breach.data_categories) as string[];
    const processing = {
      actor,
      operation: 'consult' as const,
      recordType: 'subject' as const,
      purpose,
      note: `Art. 34 GDPR: letters about breach ${id}`,
    };
    return this.guard.process(processing, async (ctx) => {
      const informed = await breaches.informedSubjects(ctx.trx, id, data.subjectIds);
      const persons = [];
      for (const subjectId of data.subjectIds.filter((s) => !informed.has(s))) {
        const person = await subjects.getById(ctx.trx, subjectId);
        if (person === undefined) throw notFound('Subject', subjectId);
        persons.push(person);
      }
      const missing = [...new Set(persons.map((p) => langOf(p.language)))].filter((lang) => data.texts[lang] === undefined);
      if (missing.length > 0) {
        throw validationFailed(
          `Invalid letters: texts: some of these persons read ${missing.join(' and ')}; give the letter in that language too`,
          missing.map((lang) => ({ path: `texts.${lang}`, message: 'required for the persons who read this language' })),
        );
      }
      const result: LettersResult = { queued: [], alreadyInformed: [...informed], toPost: [] };
      for (const person of persons) {
        const language = langOf(person.language);
        const words = data.texts[language];
        if (words === undefined) continue;
        const mail = breachLetter(this.policy, language, breach.became_aware_at, dataCategories, words);
        ctx.touch('subject', person.id, person.id);
        if (person.email === null) {
          const address = (await subjects.listAddresses(ctx.trx, person.id))[0];
          const where =
            address === undefined ? null : `${address.street}, ${address.postal_code} ${address.city}, ${address.country}`;
          result.toPost.push({
            subjectId: person.id,
            name: `${person.first_name} ${person.last_name}`,
            address: where,
            language,
            title: mail.title,
            text: mail.text,
          });
          continue;
        }
        const outboxId = await enqueueMail(ctx.trx, {
          createdAt: isoNow(this.clock),
          ...mail,
          kind: 'breach_notice',
          to: person.email,
          language,
          related: { type: breaches.LETTER_RELATED_TYPE, id },
          subjectId: person.id,
        });
        ctx.touch('outbox', outboxId, person.id);
        result.queued.push({ subjectId: person.id, outboxId, language });
      }
      ctx.touch('breach', id);
      return result;
    });
  }

  private async load(db: Executor, id: string): Promise<BreachRow> {
    const row = await breaches.getById(db, id);
    if (row === undefined) throw notFound('Breach', id);
    return row;
  }

  private async presentOne(db: Executor, row: BreachRow): Promise<Breach> {
    const [breach] = await this.present(db, [row]);
    if (breach === undefined) throw notFound('Breach', row.id);
    return breach;
  }

  private async present(db: Executor, rows: BreachRow[]): Promise<Breach[]> {
    const ids = rows.map((r) => r.id);
    const notifications = await breaches.notificationsOf(db, ids);
    const letters = new Map<string, LetterCounts>();
    for (const c of await breaches.letterCounts(db, ids)) {
      const counts = letters.get(c.breachId) ?? { ...NO_LETTERS };
      if (c.status === 'sent') counts.sent += c.n;
      else if (c.status === 'failed') counts.failed += c.n;
      else counts.queued += c.n;
      letters.set(c.breachId, counts);
    }
    const now = this.clock.now();
    return rows.map((r) =>
      presentBreach(
        r,
        notifications.filter((n) => n.breach_id === r.id),
        letters.get(r.id) ?? NO_LETTERS,
        now,
      ),
    );
  }

  private checkCategories(categories: string[]): void {
    const unknown = categories.filter((c) => !Object.hasOwn(this.policy.document.categories, c));
    if (unknown.length > 0) {
      throw validationFailed(
        `Invalid breach: dataCategories: ${unknown.join(', ')} is not a data category of the policy`,
        unknown.map((c) => ({ path: 'dataCategories', message: `${c} is not a data category of the policy` })),
      );
    }
  }

  /** The register's changes are administrative entries of the processing log (the register is not personal data). */
  private log(
    trx: Transaction<DB>,
    actor: Actor,
    operation: 'store' | 'modify',
    records: string[],
    reason: string,
  ): Promise<number> {
    return logAdministration(trx, actor, { at: isoNow(this.clock), operation, recordType: 'breach', records, reason });
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.policy, actor, 'breaches', 'keep the breach register');
  }
}
