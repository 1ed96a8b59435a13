import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

import type { Actor } from '../guard/actor.ts';
import type { Finding } from '../policy/linter/finding.ts';
import { lintDocument } from '../policy/linter/lint.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import { buildProcessingActivities, storageLocations } from './processing-activities.ts';
import { processingActivitiesCsv } from './processing-activities.csv.ts';
import { processingActivitiesHtml } from './processing-activities.html.ts';
import { type ProcessingActivities, type StorageLocation, registerExportQuery } from './processing-activities.schema.ts';
import { listRecipients } from './recipient.repository.ts';
import { requireCapability } from '../guard/capability.ts';
import { type Clock } from '../shared/clock.ts';
import { businessToday } from '../shared/business-day.ts';

export type RegisterExport =
  | { format: 'json'; contentType: string; register: ProcessingActivities }
  | { format: 'csv' | 'html'; contentType: string; body: string };

/**
 * The registers generated from the policy and the register of recipients: storage locations (P6), the
 * record of processing activities (Art. 30(1)), and the linter's findings on both.
 */
export class RegisterService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  /** The clock of the register's changes and of its reports (createServices passes its one clock). */
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  /** Where the data is kept; not personal data, so every signed-in role may read it. */
  storage(_actor: Actor): StorageLocation[] {
    return storageLocations(this.policy);
  }

  /** The Art. 30 register for the dpo, who gives it to the supervisory authority on request (Art. 30(4)). */
  async processingActivities(actor: Actor): Promise<ProcessingActivities> {
    this.requireKeeper(actor);
    return buildProcessingActivities(this.policy, await listRecipients(this.db), this.clock.now());
  }

  async exportProcessingActivities(actor: Actor, input: unknown): Promise<RegisterExport> {
    const { format, lang } = parse(registerExportQuery, input, 'export options');
    const register = await this.processingActivities(actor);
    switch (format) {
      case 'json':
        return { format, contentType: 'application/json; charset=utf-8', register };
      case 'csv':
        return { format, contentType: 'text/csv; charset=utf-8', body: processingActivitiesCsv(register, lang) };
      case 'html':
        return { format, contentType: 'text/html; charset=utf-8', body: processingActivitiesHtml(register, lang) };
    }
  }

  /** What the linter finds in the policy in force together with the register of recipients. */
  async findings(actor: Actor): Promise<Finding[]> {
    this.requireKeeper(actor);
    return lintDocument(this.policy.document, {
      register: await listRecipients(this.db),
      today: businessToday(this.clock.now()),
    });
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.policy, actor, 'registers', "read the registers' reports");
  }
}
