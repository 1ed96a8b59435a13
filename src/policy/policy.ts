import fs from 'node:fs';
import { formatProblem, readPolicyDocument, referenceProblems, storageWithoutSafeguard } from './policy-document.ts';
import { retentionNotCarriedOut } from './retention-rules.ts';
import type { AdminCapability, Operation, PolicyDocument, RecordType } from './policy.schema.ts';

/** The W3C DPV term of consent as a legal basis (Art. 6(1)(a) GDPR). */
export const CONSENT = 'dpv:Consent';

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

  /**
   * The purposes a record type may be processed for; the first is the default. Under a policy where no
   * processing rests on consent no consent is recorded; consent records kept from before are history in the
   * customer's file, processed (shown, erased, swept) for the customer's own purposes.
   */
  purposesOf(recordType: RecordType): string[] {
    const own = this.document.records[recordType].purposes;
    return recordType === 'consent' && own.length === 0 ? this.document.records.subject.purposes : own;
  }

  /** Whether the purpose rests on consent (Art. 6(1)(a)); only then can it be withdrawn (Art. 7(3)). */
  restsOnConsent(purpose: string): boolean {
    return this.hasPurpose(purpose) && this.document.purposes[purpose]?.legalBasis === CONSENT;
  }

  /** The purposes a consent may be recorded for: those of `records.consent` that rest on consent. */
  consentPurposes(): string[] {
    return this.document.records.consent.purposes.filter((p) => this.restsOnConsent(p));
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
  const { document, problems } = readPolicyDocument(text);
  if (document === null) throw new PolicyError(file, problems.map(formatProblem));
  const crossProblems = [...referenceProblems(document), ...retentionNotCarriedOut(document), ...storageWithoutSafeguard(document)];
  if (crossProblems.length > 0) throw new PolicyError(file, crossProblems.map(formatProblem));
  return new Policy(document, file);
}

export type { AdminCapability, Operation, RecordType };
