import type { PolicyDocument } from '../../policy.schema.ts';
import type { Finding, LintRule } from '../finding.ts';

const ID = 'storage-processor';
const LAW = 'Art. 28(3), 30(1)(d) GDPR; P6';

/** What a storage processor is checked on, from the policy file or the register. */
interface Terms {
  role: string;
  purposes: readonly string[];
  categories: readonly string[];
}

/**
 * The provider that stores the data (P6) processes it on our behalf: it is a processor (Art. 28) of every
 * purpose whose data it keeps, which is every purpose, since all data is stored there.
 *
 * ERROR: a storage location names a processor that is no processor, or that (in the file or in the register) does
 * not serve every purpose or receive every category of them: the Art. 30 record would leave it out of an activity.
 * WARNING: a storage location names no processor, so no agreement of it is tracked and the record names no one.
 */
export const storageProcessor: LintRule = {
  id: ID,
  check({ document, register }) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    document.storage.forEach((s, i) => {
      const path = `storage[${i}]`;
      if (s.processor === undefined) {
        const message = `the storage location ${s.id} (${s.provider}) names no processor: add the provider as a recipient with role processor and name it here (processor:), so its agreement is tracked`;
        findings.push({ id: ID, severity: 'warning', path, message, law: LAW });
        return;
      }
      const inFile = document.recipients.find((r) => r.id === s.processor);
      // An unknown id is the loader's reference problem.
      // Several locations of one provider name the same register entry: it is reported once.
      const inRegister = reported.has(s.processor) ? undefined : register?.find((r) => r.id === s.processor && r.active);
      reported.add(s.processor);
      for (const [where, at, terms] of [['the policy file', `${path}.processor`, inFile], ['the register', `register:recipient/${s.processor}`, inRegister]] as const) {
        const problems = terms === undefined ? [] : shortfalls(document, terms);
        if (problems.length > 0) findings.push({ id: ID, severity: 'error', path: at, message: `${s.processor} in ${where} ${problems.join('; ')}`, law: LAW });
      }
    });
    return findings;
  },
};

function shortfalls(document: PolicyDocument, r: Terms): string[] {
  const problems: string[] = [];
  if (r.role !== 'processor') problems.push(`is a ${r.role}, but whoever stores our data is our processor (Art. 28)`);
  const purposes = Object.keys(document.purposes).filter((p) => !r.purposes.includes(p));
  if (purposes.length > 0) problems.push(`stores the data of every purpose but does not serve ${purposes.join(', ')}`);
  const categories = [...new Set(Object.values(document.purposes).flatMap((p) => p.categories))].filter((c) => !r.categories.includes(c));
  if (categories.length > 0) problems.push(`stores every category of the purposes but does not receive ${categories.join(', ')}`);
  return problems;
}
