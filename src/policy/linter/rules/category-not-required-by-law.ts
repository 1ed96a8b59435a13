import type { Finding, LintRule } from '../finding.ts';

const ID = 'category-not-required-by-law';
const LAW = 'Art. 6(1)(c) and 6(3) GDPR; Art. 5(1)(c) GDPR (data minimisation)';

// Categories no provision of Dutch tax or company law asks for: art. 35a Wet OB asks for the customer's
// name and address, and the CJEU held that a title or gender is not necessary for a contract or an invoice
// (C-394/23 Mousse, 9 January 2025). A policy that says a provision requires one is mistaken.
const NEVER_REQUIRED = [{ pattern: /(^|\.)gender$/, why: 'no law requires a gender (art. 35a Wet OB asks for a name and an address; CJEU C-394/23 Mousse)' }];

/**
 * ERROR: a purpose under a legal obligation processes only what the provisions it names require. It names
 * each provision with the categories it requires (`requiredBy`); a category of the purpose that none of them
 * requires, or a provision said to require what no law requires, has no legal basis under Art. 6(1)(c).
 */
export const categoryNotRequiredByLaw: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    const error = (path: string, message: string): void => {
      findings.push({ id: ID, severity: 'error', path, message, law: LAW });
    };
    for (const [id, purpose] of Object.entries(document.purposes)) {
      if (purpose.legalBasis !== 'dpv:LegalObligation') continue;
      if (purpose.requiredBy === undefined) {
        error(`purposes.${id}`, `${id} rests on a legal obligation but names no provision and the categories it requires (requiredBy); processing under Art. 6(1)(c) is limited to what the law requires`);
        continue;
      }
      const required = new Set(purpose.requiredBy.flatMap((r) => r.categories));
      purpose.categories.forEach((category, i) => {
        if (required.has(category)) return;
        const never = NEVER_REQUIRED.find((n) => n.pattern.test(category));
        const provisions = purpose.requiredBy?.map((r) => r.provision).join('; ') ?? '';
        error(
          `purposes.${id}.categories[${i}]`,
          `${category} is processed for ${id} under a legal obligation, but ${provisions} does not require it${never === undefined ? '' : ` (${never.why})`}; drop it, or give it a purpose with a basis of its own`,
        );
      });
      purpose.requiredBy.forEach((r, j) =>
        r.categories.forEach((category, k) => {
          const never = NEVER_REQUIRED.find((n) => n.pattern.test(category));
          if (never !== undefined) error(`purposes.${id}.requiredBy[${j}].categories[${k}]`, `${r.provision} is said to require ${category}, but ${never.why}`);
        }),
      );
    }
    return findings;
  },
};
