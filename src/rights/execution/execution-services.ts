import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Guard } from '../../guard/guard.ts';
import { RateLimiter } from '../rate-limit.ts';
import { type AccessPackageOptions, AccessPackageService } from './access-package.service.ts';
import { ObjectionService } from './objection.service.ts';
import { type RestrictionOptions, RestrictionService } from './restriction.service.ts';

/** What follows a carried-out right: the access package's release and download, and lifting restrictions. */
export interface RightsExecutionServices {
  accessPackages: AccessPackageService;
  restrictions: RestrictionService;
  objections: ObjectionService;
}

export function createRightsExecutionServices(db: Kysely<DB>, guard: Guard, options: AccessPackageOptions & { restrictions?: RestrictionOptions }): RightsExecutionServices {
  return {
    accessPackages: new AccessPackageService(db, guard, new RateLimiter(db), options),
    restrictions: new RestrictionService(db, guard, options.restrictions),
    objections: new ObjectionService(guard),
  };
}
