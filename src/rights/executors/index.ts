import type { RightExecutors } from './executor.ts';
import { accessExecutor } from './access.executor.ts';
import type { ExecutionDeps } from './deps.ts';
import { erasureExecutor } from './erasure.executor.ts';
import { objectionExecutor } from './objection.executor.ts';
import { portabilityExecutor } from './portability.executor.ts';
import { rectificationExecutor } from './rectification.executor.ts';
import { restrictionExecutor } from './restriction.executor.ts';
import { withdrawConsentExecutor } from './withdraw-consent.executor.ts';

/** The executor of every right (Art. 15-18, 20, 21, 7(3)), by request kind; questions and complaints have none. */
export function createExecutors(deps: ExecutionDeps): RightExecutors {
  return new Map([
    ['access', accessExecutor(deps)],
    ['rectification', rectificationExecutor(deps)],
    ['erasure', erasureExecutor(deps)],
    ['restriction', restrictionExecutor(deps)],
    ['portability', portabilityExecutor(deps)],
    ['objection', objectionExecutor(deps)],
    ['withdraw_consent', withdrawConsentExecutor(deps)],
  ]);
}
