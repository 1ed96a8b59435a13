import { LEGAL_BASES } from '../../dpv-terms.ts';
import type { LintRule } from '../finding.ts';

const ID = 'unknown-legal-basis';

/** ERROR: a purpose whose legal basis is not one of the six of Art. 6(1) GDPR, as DPV names them. */
export const unknownLegalBasis: LintRule = {
  id: ID,
  check({ document }) {
    return Object.entries(document.purposes)
      .filter(([, p]) => !Object.hasOwn(LEGAL_BASES, p.legalBasis))
      .map(([id, p]) => ({
        id: ID,
        severity: 'error' as const,
        path: `purposes.${id}.legalBasis`,
        message: `${p.legalBasis} is not a legal basis: use one of ${Object.keys(LEGAL_BASES).join(', ')}`,
        law: 'Art. 6(1) GDPR',
      }));
  },
};
