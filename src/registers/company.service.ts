import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CompanyRow, DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import * as companies from './company.repository.ts';
import * as recipients from './recipient.repository.ts';
import { transferProblem } from './recipient-rules.ts';
import { type ChangeDone, changeRecipient, refuseProblems, requireKeeper } from './register-change.ts';
import {
  type CompanyPatch,
  type NewCompany,
  type NewProcessorAgreement,
  type Recipient,
  companyParams,
  companyPatchSchema,
  newCompanySchema,
  newProcessorAgreementSchema,
  recipientId,
} from './recipient.schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/**
 * The companies within a recipient category (P9; Art. 13(1)(e), 15(1)(c) GDPR): the register names each company
 * that actually receives data by its legal name, KvK number, country and role, so a disclosure, its advance
 * notice, the access report and the statement can name it. Each change is a change of its category: a history
 * row and a processing-log entry, in one transaction with the change.
 */
export class CompanyService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  /** The clock of the register's changes and of its reports (createServices passes its one clock). */
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  async add(actor: Actor, id: string, input: NewCompany): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const key = parse(recipientId, id, 'recipient id');
    const data = parse(newCompanySchema, input, 'company');
    refuseProblems('company', transferProblems(data));
    return changeRecipient(this.db, actor, key, isoNow(this.clock), async (trx, current, now) => {
      if (current.role === 'authority')
        throw conflict(`${key} is a public authority, which the register names itself; it has no companies`);
      if ((await companies.getCompany(trx, data.id)) !== undefined)
        throw conflict(`The register already has a company ${data.id}`);
      await companies.insertCompanyIfAbsent(trx, companies.newCompanyRow(key, data, now));
      return { change: `company ${data.id} added: ${describe(companies.newCompanyRow(key, data, now))}`, operation: 'store' };
    });
  }

  async update(actor: Actor, params: { id: string; companyId: string }, input: CompanyPatch): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const { id, companyId } = parse(companyParams, params, 'company');
    const patch = parse(companyPatchSchema, input, 'company change');
    return this.change(actor, id, companyId, async (trx, company, now) => {
      const merged = {
        country: patch.country ?? company.country,
        kvkNumber: patch.kvkNumber === undefined ? company.kvk_number : patch.kvkNumber,
        transferMechanism: patch.transferMechanism === undefined ? company.transfer_mechanism : patch.transferMechanism,
      };
      const kvk =
        merged.country === 'NL' && merged.kvkNumber === null
          ? [{ path: 'kvkNumber', message: 'a company in the Netherlands needs its KvK number' }]
          : [];
      refuseProblems('company', [...kvk, ...transferProblems(merged)]);
      await companies.updateCompany(trx, companyId, {
        ...(patch.legalName === undefined ? {} : { legal_name: patch.legalName }),
        ...(patch.kvkNumber === undefined ? {} : { kvk_number: patch.kvkNumber }),
        ...(patch.country === undefined ? {} : { country: patch.country }),
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.transferMechanism === undefined ? {} : { transfer_mechanism: patch.transferMechanism }),
        ...(patch.contactEmail === undefined ? {} : { contact_email: patch.contactEmail }),
        updated_at: now,
      });
      const after = (await companies.getCompany(trx, companyId)) ?? company;
      // The history keeps both states in words: the snapshot is the category's row.
      return { change: `company ${companyId} changed from ${describe(company)} to ${describe(after)}`, operation: 'modify' };
    });
  }

  /** Takes a company out of use; never deleted, since disclosures name it. */
  async retire(actor: Actor, params: { id: string; companyId: string }): Promise<Recipient> {
    return this.setActive(actor, params, false);
  }

  async reactivate(actor: Actor, params: { id: string; companyId: string }): Promise<Recipient> {
    return this.setActive(actor, params, true);
  }

  /** Art. 28(3): the agreement with a processor company; it supersedes the company's agreement in force, which is kept. */
  async recordAgreement(
    actor: Actor,
    params: { id: string; companyId: string },
    input: NewProcessorAgreement,
  ): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const { id, companyId } = parse(companyParams, params, 'company');
    const data = parse(newProcessorAgreementSchema, input, 'processor agreement');
    return this.change(actor, id, companyId, async (trx, company, now) => {
      if (company.role !== 'processor')
        throw conflict(
          `${companyId} is an independent controller, not a processor: a processor agreement (Art. 28(3)) does not apply`,
        );
      await recipients.supersedeAgreements(trx, id, companyId, now);
      await recipients.insertAgreement(trx, {
        id: randomUUID(),
        recipient_id: id,
        company_id: companyId,
        signed_on: data.signedOn,
        expires_on: data.expiresOn ?? null,
        document_reference: data.documentReference,
        created_at: now,
        created_by: `${actor.kind}:${actor.id}`,
        superseded_at: null,
      });
      const until = data.expiresOn === undefined ? 'no expiry' : `expires ${data.expiresOn}`;
      return {
        change: `processor agreement ${data.documentReference} with ${companyId} recorded (signed ${data.signedOn}, ${until})`,
        operation: 'modify',
      };
    });
  }

  private async setActive(actor: Actor, params: { id: string; companyId: string }, active: boolean): Promise<Recipient> {
    requireKeeper(this.policy, actor);
    const { id, companyId } = parse(companyParams, params, 'company');
    return this.change(actor, id, companyId, async (trx, company, now) => {
      if ((company.active === 1) === active) throw conflict(`${companyId} is already ${active ? 'active' : 'retired'}`);
      await companies.updateCompany(trx, companyId, { active: active ? 1 : 0, updated_at: now });
      return { change: `company ${companyId} ${active ? 'reactivated' : 'retired'}`, operation: 'modify' };
    });
  }

  /** A change of one company of the category `id`; a company of another category is not found here. */
  private async change(
    actor: Actor,
    id: string,
    companyId: string,
    work: (trx: Transaction<DB>, company: CompanyRow, now: string) => Promise<ChangeDone>,
  ): Promise<Recipient> {
    return changeRecipient(this.db, actor, id, isoNow(this.clock), async (trx, _current, now) => {
      const company = await companies.getCompany(trx, companyId);
      if (company === undefined || company.recipient_id !== id) throw notFound('Company', `${companyId} of ${id}`);
      return work(trx, company, now);
    });
  }
}

function transferProblems(c: { country: string; transferMechanism?: string | null | undefined }) {
  const problem = transferProblem(c);
  return problem === null ? [] : [problem];
}

/** The company in a few words, for the history of its category. */
function describe(c: CompanyRow): string {
  return [c.legal_name, c.kvk_number === null ? null : `KvK ${c.kvk_number}`, c.country, c.role]
    .filter((x) => x !== null)
    .join(', ');
}
