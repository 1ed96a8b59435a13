import fs from 'node:fs';
import { parseDocument } from 'yaml';
import { RETENTION_DATES } from '../retention/retention-dates.ts';
import { type AdminCapability, type Operation, type PolicyDocument, type RecordType, policySchema } from './policy.schema.ts';

export class PolicyError extends Error {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`Invalid policy ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
    this.problems = problems;
  }
}

/** The loaded, validated policy with the questions the guard and the modules ask of it. */
export class Policy {
  readonly document: PolicyDocument;
  readonly source: string;

  constructor(document: PolicyDocument, source: string) {
    this.document = document;
    this.source = source;
  }

  get roles(): string[] {
    return Object.keys(this.document.roles);
  }

  hasRole(role: string): boolean {
    return Object.hasOwn(this.document.roles, role);
  }

  hasPurpose(purpose: string): boolean {
    return Object.hasOwn(this.document.purposes, purpose);
  }

  /** The purposes a record type may be processed for; the first is the default. */
  purposesOf(recordType: RecordType): string[] {
    return this.document.records[recordType].purposes;
  }

  /** Whether the role may perform the operation on the record type (least privilege, BEVEILIGING). */
  allows(role: string, operation: Operation, recordType: RecordType): boolean {
    const grants = Object.hasOwn(this.document.roles, role) ? this.document.roles[role]?.may : undefined;
    return (grants ?? []).some((g) => g.records.includes(recordType) && g.operations.includes(operation));
  }

  mayAdminister(role: string, capability: AdminCapability): boolean {
    const r = Object.hasOwn(this.document.roles, role) ? this.document.roles[role] : undefined;
    return r?.administer.includes(capability) ?? false;
  }
}

/** Reads and validates a policy file; throws a PolicyError naming each bad path and why. */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  return parsePolicy(text, file);
}

/** Validates policy YAML text; `file` only names the source in errors. */
export function parsePolicy(text: string, file = '<policy>'): Policy {
  const yaml = parseDocument(text, { prettyErrors: true });
  if (yaml.errors.length > 0) throw new PolicyError(file, yaml.errors.map((e) => e.message));
  const parsed = policySchema.safeParse(yaml.toJS());
  if (!parsed.success) {
    throw new PolicyError(
      file,
      parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) throw new PolicyError(file, problems);
  return new Policy(parsed.data, file);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Checks that every name the policy uses is declared, and the rules of law the schema cannot express. */
function crossReferenceProblems(p: PolicyDocument): string[] {
  const problems: string[] = [];
  const category = (where: string, c: string) => {
    if (!Object.hasOwn(p.categories, c)) problems.push(`${where}: unknown data category ${c}`);
  };
  const purpose = (where: string, id: string) => {
    if (!Object.hasOwn(p.purposes, id)) problems.push(`${where}: unknown purpose ${id}`);
  };
  for (const [id, purposeDef] of Object.entries(p.purposes)) {
    purposeDef.categories.forEach((c, i) => category(`purposes.${id}.categories[${i}]`, c));
  }
  for (const [type, record] of Object.entries(p.records)) {
    record.purposes.forEach((id, i) => purpose(`records.${type}.purposes[${i}]`, id));
    record.categories.forEach((c, i) => category(`records.${type}.categories[${i}]`, c));
  }
  p.retention.forEach((rule, i) => {
    for (const type of rule.records) {
      if (!RETENTION_DATES[type].includes(rule.from)) {
        problems.push(`retention[${i}].from: a ${type} record has no date ${rule.from} (it has ${RETENTION_DATES[type].join(', ')})`);
      }
    }
  });
  p.recipients.forEach((r, i) => {
    purpose(`recipients[${i}].purpose`, r.purpose);
    r.categories.forEach((c, j) => category(`recipients[${i}].categories[${j}]`, c));
  });
  // P6 and Art. 44-46 GDPR: a transfer outside the EEA needs a safeguard.
  p.storage.forEach((s, i) => {
    if (!s.insideEea && s.safeguard === undefined) {
      problems.push(`storage[${i}]: ${s.provider} ${s.region} is outside the EEA without a transfer safeguard (Art. 46 GDPR)`);
    }
  });
  const ids = new Set<string>();
  for (const [list, items] of [
    ['retention', p.retention],
    ['recipients', p.recipients],
    ['storage', p.storage],
    ['security', p.security],
  ] as const) {
    items.forEach((item, i) => {
      if (ids.has(`${list}:${item.id}`)) problems.push(`${list}[${i}].id: duplicate id ${item.id}`);
      ids.add(`${list}:${item.id}`);
    });
  }
  if (!Object.hasOwn(p.roles, 'dpo')) problems.push('roles: the dpo role is required');
  return problems;
}

export type { AdminCapability, Operation, RecordType };
