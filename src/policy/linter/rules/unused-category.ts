import type { LintRule } from '../finding.ts';

const ID = 'category-without-purpose';

/**
 * WARNING: a data category the policy declares but no purpose collects. Either it is kept without a
 * purpose (purpose limitation, data minimisation) or a purpose forgets to say it needs it.
 */
export const categoryWithoutPurpose: LintRule = {
  id: ID,
  check({ document }) {
    const used = new Set(Object.values(document.purposes).flatMap((p) => p.categories));
    return Object.keys(document.categories)
      .filter((c) => !used.has(c))
      .map((c) => {
        const records = Object.entries(document.records).filter(([, r]) => r.categories.includes(c)).map(([type]) => type);
        const kept = records.length === 0 ? '' : `, yet ${records.join(', ')} records keep it`;
        return {
          id: ID,
          severity: 'warning' as const,
          path: `categories.${c}`,
          message: `the data category ${c} is in no purpose's categories${kept}; add it to the purposes that need it or remove it`,
          law: 'Art. 5(1)(b) and (c) GDPR',
        };
      });
  },
};
