import type { Policy } from '../policy/policy.ts';
import { RECORD_TYPES, type RecordType } from '../policy/policy.schema.ts';
import { type AppliedRule, type RetainedRecord, effectiveRetention } from '../retention/rules/effective-retention.ts';

/** The retention rules that reach one kind of record: its own, and those that reach it through a linked record. */
export interface RecordRetention {
  recordType: RecordType;
  /** The purpose the record is kept for first (the policy's default purpose of the record type). */
  purpose: string;
  direct: AppliedRule[];
  linked: AppliedRule[];
}

/**
 * Asks effectiveRetention, the one function the retention sweeps and the access exports ask too, which
 * rules reach each record type, so the statement cannot promise another period than the one enforced.
 * A record is given one linked record of every type a rule links it to (an agreement behind an invoice).
 */
export function retentionFacts(policy: Policy): RecordRetention[] {
  return RECORD_TYPES.map((recordType) => {
    const linked: RetainedRecord[] = [];
    for (const rule of policy.document.retention) {
      if (rule.linked?.includes(recordType) !== true) continue;
      for (const other of rule.records) {
        if (!linked.some((l) => l.recordType === other)) linked.push({ recordType: other, dates: {} });
      }
    }
    const { applied } = effectiveRetention(policy, { recordType, dates: {}, linked });
    return {
      recordType,
      purpose: policy.purposesOf(recordType)[0] ?? '',
      direct: applied.filter((a) => a.via === null),
      linked: applied.filter((a) => a.via !== null),
    };
  });
}
