import { useApi } from '../api/use-api.ts';
import { useI18n } from './i18n.tsx';

interface Labelled {
  id: string;
  label: { nl: string; en: string };
}
interface PolicyLabels {
  purposes: Labelled[];
  rules: Labelled[];
  categories: Labelled[];
}

/** Who did something, as the processing log and the API name an actor. */
export interface ActorRef {
  kind: string;
  id: string;
  role: string;
  name?: string | null;
}

export interface Labels {
  /** A record type in words (the policy's and Kluis's own); a code the words do not know is shown readable. */
  recordType: (code: string) => string;
  /** A purpose of the policy by its name in the page's language. */
  purpose: (id: string) => string;
  /** A retention rule of the policy by its reason ("two years after the agreement ended"). */
  rule: (id: string) => string;
  /** A role of the policy in words. */
  role: (code: string) => string;
  /** An actor: a person's name, an API token's name, a scheduled job in words, the command line with its user. */
  actor: (actor: ActorRef) => string;
  /** Every purpose, for a select. */
  purposes: { value: string; label: string }[];
}

/**
 * The policy's words (GET /api/policy/labels) and the back office's own for codes, in the page's language: the
 * one place a page turns a code into words, so no page shows an id (issue 19). While the policy's words load, a
 * code shows as itself made readable.
 */
export function useLabels(): Labels {
  const { t, language } = useI18n();
  const policy = useApi<PolicyLabels>('/api/policy/labels');
  const known = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  const fromPolicy = (list: Labelled[] | undefined, id: string) =>
    list?.find((x) => x.id === id)?.label[language] ?? readable(id);
  return {
    recordType: (code) => known(`label.recordType.${code}`, readable(code)),
    purpose: (id) =>
      id === 'administration' ? known('label.purpose.administration', readable(id)) : fromPolicy(policy.data?.purposes, id),
    rule: (id) => (id === 'legal-hold' ? t('label.rule.legal-hold') : fromPolicy(policy.data?.rules, id)),
    role: (code) => known(`users.role.${code}`, readable(code)),
    actor: (actor) => {
      if (actor.name !== null && actor.name !== undefined && actor.name !== '') return actor.name;
      if (actor.kind === 'cli') return t('label.actor.cli', { id: actor.id });
      return known(`label.actor.${actor.id}`, readable(actor.id));
    },
    purposes: (policy.data?.purposes ?? []).map((p) => ({ value: p.id, label: p.label[language] })),
  };
}

/** A code as words: `subject_address` as "subject address", the first letter capital. */
function readable(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
