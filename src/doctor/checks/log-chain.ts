import { verifyChain } from '../../guard/verify-chain.ts';
import { type Check, type DoctorContext, error, ok } from '../check.ts';

/** The processing log, the trail of every access to personal data, is intact (kluis log verify). */
export const logChain: Check = {
  id: 'log-chain',
  measure: 'access-control',
  async run({ db, now }: DoctorContext) {
    const report = await verifyChain(db, now);
    const cp = report.checkpoint;
    // Art. 5(1)(e): entries past their retention period are pruned; the chain is checked from the checkpoint.
    const since =
      cp === undefined
        ? { nl: '', en: '' }
        : {
            nl: ` na regel ${cp.seq} (de regels daarvoor zijn na hun bewaartermijn verwijderd)`,
            en: ` after entry ${cp.seq} (the entries before it were pruned after their retention period)`,
          };
    if (report.ok)
      return ok({
        nl: `het verwerkingslog is intact: ${report.entries} regels${since.nl}`,
        en: `the processing log is intact: ${report.entries} entries${since.en}`,
      });
    const seq = report.firstBroken?.seq ?? '?';
    const problem = report.firstBroken?.problem ?? 'unknown';
    return error({
      nl: `het verwerkingslog is verbroken bij regel ${seq}: ${problem}; de ${report.entries} regels daarvoor zijn intact`,
      en: `the processing log is broken at entry ${seq}: ${problem}; ${report.entries} entries before it are intact`,
    });
  },
};
