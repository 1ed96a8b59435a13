import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { DisclosureReleaseService } from './disclosure-release.service.ts';
import { type DisclosureOptions, DisclosureService } from './disclosure.service.ts';
import { FiscalExportService } from './fiscal-export.service.ts';
import { RecipientNoticeService } from './recipient-notice.service.ts';

/** Disclosures (P7-P9) and what follows them: release, export, the fiscal export, Art. 19 notices. */
export interface DisclosureServices {
  disclosures: DisclosureService;
  releases: DisclosureReleaseService;
  fiscalExports: FiscalExportService;
  recipientNotices: RecipientNoticeService;
}

export function createDisclosureServices(
  db: Kysely<DB>,
  guard: Guard,
  policy: Policy,
  options: DisclosureOptions = {},
): DisclosureServices {
  return {
    disclosures: new DisclosureService(db, guard, policy, options),
    releases: new DisclosureReleaseService(db, guard, policy, options),
    fiscalExports: new FiscalExportService(db, guard, policy),
    recipientNotices: new RecipientNoticeService(guard, policy),
  };
}
