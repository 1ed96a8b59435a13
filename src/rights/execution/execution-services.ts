import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Guard } from '../../guard/guard.ts';
import { RateLimiter } from '../rate-limit.ts';
import { type AccessPackageOptions, AccessPackageService } from './access-package.service.ts';
import { ErasurePreviewService } from './erasure-preview.ts';
import { ObjectionService } from './objection.service.ts';
import { PortabilityTransferService } from './portability-transfer.service.ts';
import { type RestrictionOptions, RestrictionService } from './restriction.service.ts';

/**
 * What follows a carried-out right: the release and download of access and portability packages, the person's
 * confirmation of a portability transfer (Art. 20(2)), and lifting restrictions.
 */
export interface RightsExecutionServices {
  accessPackages: AccessPackageService;
  transfers: PortabilityTransferService;
  restrictions: RestrictionService;
  objections: ObjectionService;
  /** The erasure before the decision (a dry run) and after it (issue 19). */
  erasures: ErasurePreviewService;
}

export function createRightsExecutionServices(db: Kysely<DB>, guard: Guard, options: AccessPackageOptions & { restrictions?: RestrictionOptions }): RightsExecutionServices {
  const limiter = new RateLimiter(db);
  return {
    accessPackages: new AccessPackageService(db, guard, limiter, options),
    transfers: new PortabilityTransferService(db, guard, limiter, options),
    restrictions: new RestrictionService(db, guard, options.restrictions),
    objections: new ObjectionService(guard),
    erasures: new ErasurePreviewService(db, guard),
  };
}
