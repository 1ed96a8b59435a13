import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import { listCompaniesOf } from './company.repository.ts';
import { presentAgreement, presentChange } from './recipient.presenter.ts';
import * as recipients from './recipient.repository.ts';
import { referenceProblems, transferProblem } from './recipient-rules.ts';
import { changeRecipient, recordChange, refuseProblems, requireKeeper } from './register-change.ts';
import {
  type NewProcessorAgreement,
  type NewRecipient,
  type Recipient,
  type RecipientDetail,
  type RecipientPatch,
  newProcessorAgreementSchema,
  newRecipientSchema,
  recipientId,
  recipientPatchSchema,
} from './recipient.schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/**
 * The register of recipients (P7), kept by whoever holds the `registers` capability (the dpo). It is not
 * personal data, so every signed-in role may read it; every change keeps a history row and a
 * processing-log entry (Art. 5(2) accountability), in one transaction with the change itself. The companies
 * within a category are kept by `CompanyService`.
 */
export class RecipientService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  /** The clock of the register's changes and of its reports (createServices passes its one clock). */
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  async list(_actor: Actor): Promise<Recipient[]> {
    return recipients.listRecipients(this.db);
  }

  async get(_actor: Actor, id: string): Promise<RecipientDetail> {
    const key = parse(recipientId, id, 'recipient id');
    const [recipient, agreements, history] = await Promise.all([
      recipients.getRecipient(this.db, key),
      recipients.listAgreements(this.db, key),
      recipients.listHistory(this.db, key),
    ]);
    if (recipient === undefined) throw notFound('Recipient', key);
    return { ...recipient, history: history.map(presentChange), agreements: agreements.map(presentAgreement) };
  }

  async create(actor: Actor, input: NewRecipient): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const data = parse(newRecipientSchema, input, 'recipient');
    this.check(data);
    return this.db.transaction().execute(async (trx) => {
      if ((await recipients.getRow(trx, data.id)) !== undefined)
        throw conflict(`The register already has a recipient ${data.id}`);
      const now = isoNow(this.clock);
      const row = recipients.newRecipientRow(data, now);
      await recipients.insertRow(trx, row);
      await recordChange(trx, actor, row, 'store', 'added to the register', now);
      return recipients.presentRecipient(row, [], []);
    });
  }

  async update(actor: Actor, id: string, input: RecipientPatch): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const key = parse(recipientId, id, 'recipient id');
    const patch = parse(recipientPatchSchema, input, 'recipient change');
    return changeRecipient(this.db, actor, key, isoNow(this.clock), async (trx, current) => {
      const merged = {
        purposes: patch.purposes ?? (JSON.parse(current.purposes) as string[]),
        categories: patch.categories ?? (JSON.parse(current.categories) as string[]),
        country: patch.country ?? current.country,
        transferMechanism: patch.transferMechanism === undefined ? current.transfer_mechanism : patch.transferMechanism,
      };
      this.check(merged);
      const changes = {
        ...(patch.name === undefined ? {} : { name_nl: patch.name.nl, name_en: patch.name.en }),
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.purposes === undefined ? {} : { purposes: JSON.stringify(patch.purposes) }),
        ...(patch.categories === undefined ? {} : { categories: JSON.stringify(patch.categories) }),
        ...(patch.country === undefined ? {} : { country: patch.country }),
        ...(patch.transferMechanism === undefined ? {} : { transfer_mechanism: patch.transferMechanism }),
        ...(patch.noticePerDisclosure === undefined ? {} : { notice_per_disclosure: patch.noticePerDisclosure ? 1 : 0 }),
        ...(patch.contactEmail === undefined ? {} : { contact_email: patch.contactEmail }),
      };
      await recipients.updateRow(trx, key, changes);
      return { change: `changed ${Object.keys(patch).sort().join(', ')}`, operation: 'modify' };
    });
  }

  /** Takes a recipient out of use. Never deleted: disclosures made to it keep referring to it. */
  async retire(actor: Actor, id: string): Promise<Recipient> {
    return this.setActive(actor, id, false);
  }

  async reactivate(actor: Actor, id: string): Promise<Recipient> {
    return this.setActive(actor, id, true);
  }

  /**
   * Art. 28(3): a processor acts under a contract; a new agreement supersedes the one in force, which is kept.
   * A category with companies has its agreements per company (`CompanyService.recordAgreement`).
   */
  async recordAgreement(actor: Actor, id: string, input: NewProcessorAgreement): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const key = parse(recipientId, id, 'recipient id');
    const data = parse(newProcessorAgreementSchema, input, 'processor agreement');
    return changeRecipient(this.db, actor, key, isoNow(this.clock), async (trx, current, now) => {
      if (current.role !== 'processor')
        throw conflict(`${key} is a ${current.role}, not a processor: a processor agreement (Art. 28(3)) does not apply`);
      if ((await listCompaniesOf(trx, key)).some((c) => c.active === 1)) {
        throw conflict(
          `${key} names its companies: record the agreement with the company it was signed with (POST /api/registers/recipients/${key}/companies/{companyId}/agreements)`,
        );
      }
      await recipients.supersedeAgreements(trx, key, null, now);
      await recipients.insertAgreement(trx, {
        id: randomUUID(),
        recipient_id: key,
        company_id: null,
        signed_on: data.signedOn,
        expires_on: data.expiresOn ?? null,
        document_reference: data.documentReference,
        created_at: now,
        created_by: `${actor.kind}:${actor.id}`,
        superseded_at: null,
      });
      const until = data.expiresOn === undefined ? 'no expiry' : `expires ${data.expiresOn}`;
      return {
        change: `processor agreement ${data.documentReference} recorded (signed ${data.signedOn}, ${until})`,
        operation: 'modify',
      };
    });
  }

  private async setActive(actor: Actor, id: string, active: boolean): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const key = parse(recipientId, id, 'recipient id');
    return changeRecipient(this.db, actor, key, isoNow(this.clock), async (trx, current) => {
      if ((current.active === 1) === active) throw conflict(`${key} is already ${active ? 'active' : 'retired'}`);
      await recipients.updateRow(trx, key, { active: active ? 1 : 0 });
      return { change: active ? 'reactivated' : 'retired', operation: 'modify' };
    });
  }

  /** The rules the policy sets for any recipient: declared purposes and categories, a safeguard outside the EEA. */
  private check(r: Parameters<typeof referenceProblems>[1]): void {
    const transfer = transferProblem(r);
    refuseProblems('recipient', [...referenceProblems(this.policy.document, r), ...(transfer === null ? [] : [transfer])]);
  }
}
