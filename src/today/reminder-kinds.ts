import type { Policy } from '../policy/policy.ts';

/**
 * The reminders Kluis mails to the people who must act (issue 19, part 4), each to the roles that can act on it:
 * a request arrived and a deadline near (whoever handles requests), an access package waiting for release, a
 * hold's review date, a breach whose 72 hours (Art. 33(1)) are past 48, and an error of the self-check.
 */
export const REMINDER_KINDS = [
  'request_received',
  'deadline_near',
  'package_waiting',
  'hold_review',
  'breach_clock',
  'self_check_error',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Whether the role can act on what the reminder is about; only then may it receive it. */
export function roleMayReceive(policy: Policy, role: string, kind: ReminderKind): boolean {
  switch (kind) {
    case 'request_received':
    case 'deadline_near':
      return policy.allows(role, 'consult', 'case');
    case 'package_waiting':
      // Releasing a package is an export of the person's data (AccessPackageService.release).
      return policy.allows(role, 'export', 'subject');
    case 'hold_review':
      return policy.mayAdminister(role, 'holds');
    case 'breach_clock':
      return policy.mayAdminister(role, 'breaches');
    case 'self_check_error':
      return policy.mayAdminister(role, 'self_checks');
  }
}

/** The reminders a role may receive, in the order above. */
export const kindsForRole = (policy: Policy, role: string): ReminderKind[] =>
  REMINDER_KINDS.filter((k) => roleMayReceive(policy, role, k));

/**
 * The reminders an account receives: those it chose (`users.reminders`, JSON), or, until it chooses, every one
 * its role may receive; never one its role may not (a role changed since).
 */
export function chosenKinds(policy: Policy, account: { role: string; reminders: string | null }): ReminderKind[] {
  const mayReceive = kindsForRole(policy, account.role);
  if (account.reminders === null) return mayReceive;
  const chosen = new Set(JSON.parse(account.reminders) as string[]);
  return mayReceive.filter((k) => chosen.has(k));
}
