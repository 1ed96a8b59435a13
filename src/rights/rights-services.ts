import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Guard } from '../guard/guard.ts';
import type { Clock } from '../shared/clock.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { AccessPackageService } from './access-packages/access-package.service.ts';
import { PortabilityTransferService } from './access-packages/portability-transfer.service.ts';
import { DecisionService } from './decision.service.ts';
import { EmlImportService } from './eml-import.service.ts';
import { ErasurePreviewService } from './executors/erasure-preview.ts';
import { createExecutors } from './executors/index.ts';
import { RateLimiter } from './rate-limit.ts';
import { type IntakeOptions, RequestIntakeService } from './request-intake.service.ts';
import { RequestService } from './request.service.ts';
import { VerificationService } from './verification.service.ts';

/** The services of requests of data subjects, from intake to answer, and the packages a carried-out right leaves. */
export interface RightsServices {
  intake: RequestIntakeService;
  verification: VerificationService;
  requests: RequestService;
  decisions: DecisionService;
  mailImport: EmlImportService;
  /** The access package after it is built: review, release, download (Art. 15). */
  accessPackages: AccessPackageService;
  /** The person's confirmation of a portability transfer to another controller (Art. 20(2)). */
  transfers: PortabilityTransferService;
  /** The erasure before the decision (a dry run of the executor's plan) and after it (issue 19). */
  erasures: ErasurePreviewService;
}

export interface RightsOptions extends IntakeOptions {
  /** The clock that says which day it is: overdue requests and the extension's window; real time by default. */
  clock: Clock;
  /** The virus scanner a mail passes before its text is kept (src/scanner/). */
  scanner: Scanner;
}

/**
 * Wires requests of data subjects once: the request services, the executor of each right they call once a request
 * is decided (src/rights/executors/), and the packages those leave (src/rights/access-packages/).
 */
export function createRightsServices(db: Kysely<DB>, guard: Guard, options: RightsOptions): RightsServices {
  const limiter = new RateLimiter(db, options.clock);
  const executors = createExecutors({ guard, policy: guard.policy });
  const packages = { publicUrl: options.publicUrl, mailSecrets: options.mailSecrets };
  return {
    intake: new RequestIntakeService(guard, limiter, options),
    verification: new VerificationService(guard, limiter),
    requests: new RequestService(guard, limiter, options.clock),
    decisions: new DecisionService(guard, executors),
    mailImport: new EmlImportService(guard, options.scanner, options.clock),
    accessPackages: new AccessPackageService(db, guard, limiter, packages),
    transfers: new PortabilityTransferService(db, guard, limiter, packages),
    erasures: new ErasurePreviewService(db, guard),
  };
}
