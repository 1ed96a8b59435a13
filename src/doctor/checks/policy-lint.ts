import { lintDocument } from '../../policy/linter/lint.ts';
import { listRecipients } from '../../registers/recipient.repository.ts';
import { type Check, type DoctorContext, error, ok, plural, warning } from '../check.ts';
import { businessToday } from '../../shared/business-day.ts';

// The processor agreements are a check of their own (with the 30-day warning); not reported twice.
const CHECKED_ELSEWHERE = new Set(['processor-without-agreement']);

/** The policy in force and the register of recipients pass the linter (kluis policy check). */
export const policyLint: Check = {
  id: 'policy-lint',
  measure: null,
  async run({ db, policy, now }: DoctorContext) {
    const findings = lintDocument(policy.document, {
      register: await listRecipients(db),
      today: businessToday(now),
    }).filter((f) => !CHECKED_ELSEWHERE.has(f.id));
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    const list = (fs: typeof findings, at: string) => fs.map((f) => `${f.id} ${at} ${f.path}`).join(', ');
    if (errors.length > 0) {
      return error({
        nl: `de beleidscontrole vindt ${plural(errors.length, 'fout', 'fouten')}: ${list(errors, 'bij')}${warnings.length > 0 ? ` en ${plural(warnings.length, 'waarschuwing', 'waarschuwingen')}` : ''}; zie kluis policy check`,
        en: `the policy linter finds ${plural(errors.length, 'error')}: ${list(errors, 'at')}${warnings.length > 0 ? ` and ${plural(warnings.length, 'warning')}` : ''}; see kluis policy check`,
      });
    }
    if (warnings.length > 0) {
      return warning({
        nl: `de beleidscontrole vindt ${plural(warnings.length, 'waarschuwing', 'waarschuwingen')}: ${list(warnings, 'bij')}; zie kluis policy check`,
        en: `the policy linter finds ${plural(warnings.length, 'warning')}: ${list(warnings, 'at')}; see kluis policy check`,
      });
    }
    return ok({ nl: 'de beleidscontrole vindt niets', en: 'the policy linter finds nothing' });
  },
};
