import { type Check, type CheckResult, type DoctorContext, unknown } from './check.ts';
import { dpoSecondFactor, unusedAccounts } from './checks/accounts.ts';
import { antivirusScanner, quarantineEmpty } from './checks/antivirus.ts';
import { backupDecrypts, backupRecent } from './checks/backup.ts';
import { dataDirectoryPrivate } from './checks/data-directory.ts';
import { encryptedVolume } from './checks/encrypted-volume.ts';
import { logChain } from './checks/log-chain.ts';
import { outboxFlowing } from './checks/outbox.ts';
import { policyLint } from './checks/policy-lint.ts';
import { processorAgreements } from './checks/processor-agreements.ts';
import { nodeSupported, releaseAge } from './checks/software-age.ts';
import { tlsOrProxy } from './checks/transport.ts';

/** Every check of the self-check, in the order it reports them. */
export const CHECKS: readonly Check[] = [
  backupRecent,
  backupDecrypts,
  dpoSecondFactor,
  unusedAccounts,
  processorAgreements,
  antivirusScanner,
  quarantineEmpty,
  policyLint,
  logChain,
  outboxFlowing,
  dataDirectoryPrivate,
  encryptedVolume,
  tlsOrProxy,
  releaseAge,
  nodeSupported,
];

/** Runs the checks one after another; a check that fails to run is reported as unknown, never skipped. */
export async function runChecks(ctx: DoctorContext, checks: readonly Check[] = CHECKS): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    let finding;
    try {
      finding = await check.run(ctx);
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).slice(0, 300);
      finding = unknown({ nl: `kon niet worden gecontroleerd: ${reason}`, en: `could not be checked: ${reason}` });
    }
    results.push({ id: check.id, measure: check.measure, ...finding });
  }
  return results;
}
