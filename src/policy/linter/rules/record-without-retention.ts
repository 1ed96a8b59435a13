import { RECORD_TYPES } from '../../policy.schema.ts';
import type { LintRule } from '../finding.ts';

const ID = 'record-without-retention';

/**
 * WARNING: a record type no retention rule names, so it is kept as long as its subject: storage
 * limitation wants a period. The subject itself is skipped: it lives as long as its records do.
 */
export const recordWithoutRetention: LintRule = {
  id: ID,
  check({ document }) {
    return RECORD_TYPES.filter((t) => t !== 'subject' && !document.retention.some((r) => r.records.includes(t))).map((t) => {
      const linked = document.retention.filter((r) => r.linked?.includes(t) === true).map((r) => r.id);
      const only = linked.length === 0 ? '' : ` (only ${linked.join(', ')} reaches it, through a linked record)`;
      return {
        id: ID,
        severity: 'warning' as const,
        path: `records.${t}`,
        message: `no retention rule names ${t} records${only}: they are kept as long as the person's other records; give them a period`,
        law: 'Art. 5(1)(e) GDPR (storage limitation)',
      };
    });
  },
};
