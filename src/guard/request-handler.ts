import type { Policy } from '../policy/policy.ts';

/**
 * Whether a role handles data-subject requests: the role the policy lets export a subject's records, which
 * the access right (Art. 15) needs. In the default policy that is the dpo alone. Handling a request is
 * processing too, and a restriction or objection does not take away the person's other rights.
 */
export const handlesRequests = (policy: Policy, role: string): boolean => policy.allows(role, 'export', 'subject');
