import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Guard } from '../guard/guard.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { DecisionService } from './decision.service.ts';
import { EmlImportService } from './eml-import.service.ts';
import type { RightExecutors } from './executors/executor.ts';
import { RateLimiter } from './rate-limit.ts';
import { type IntakeOptions, RequestIntakeService } from './request-intake.service.ts';
import { RequestService } from './request.service.ts';
import { VerificationService } from './verification.service.ts';

/** The services of requests of data subjects, from intake to answer. */
export interface RightsServices {
  intake: RequestIntakeService;
  verification: VerificationService;
  requests: RequestService;
  decisions: DecisionService;
  mailImport: EmlImportService;
}

export interface RightsOptions extends IntakeOptions {
  /** The clock that says which day it is: overdue requests and the extension's window; real time by default. */
  now?: (() => Date) | undefined;
  /** The virus scanner a mail passes before its text is kept (src/scanner/). */
  scanner: Scanner;
}

/** Wires the request services; `executors` carry out each right once decided (src/rights/execution/). */
export function createRightsServices(db: Kysely<DB>, guard: Guard, executors: RightExecutors, options: RightsOptions): RightsServices {
  const limiter = new RateLimiter(db);
  return {
    intake: new RequestIntakeService(guard, limiter, options),
    verification: new VerificationService(guard, limiter),
    requests: new RequestService(guard, limiter, options.now),
    decisions: new DecisionService(guard, executors),
    mailImport: new EmlImportService(guard, options.scanner, options.now),
  };
}
