import { KluisError } from '../errors.ts';
import { LEGAL_BASES, termWords } from '../policy/dpv-terms.ts';
import type { Policy } from '../policy/policy.ts';

type Text = { nl: string; en: string };

/** The bases a person may object to (Art. 21(1) GDPR: Art. 6(1)(e) and (f)). */
const OBJECTABLE = new Set(['dpv:PublicTask', 'dpv:PublicInterest', 'dpv:OfficialAuthority', 'dpv:LegitimateInterest']);

export const isObjectable = (legalBasis: string): boolean => OBJECTABLE.has(legalBasis);

/** A purpose's name, quoted, in both languages. */
export const purposeName = (policy: Policy, purpose: string): Text => {
  const name = policy.document.purposes[purpose]?.name ?? { nl: purpose, en: purpose };
  return { nl: `"${name.nl}"`, en: `"${name.en}"` };
};

/** The legal basis of a purpose in words, with its article: "gerechtvaardigd belang (art. 6 lid 1 sub f AVG)". */
export const basisWords = (policy: Policy, purpose: string): Text =>
  termWords(LEGAL_BASES, policy.document.purposes[purpose]?.legalBasis ?? '');

/**
 * Art. 6(1)(a), 7(3): a consent recorded or withdrawn for a purpose that does not rest on consent. Its details
 * say which purpose, its basis, and why, in words for the back office (`reason`, Dutch and English).
 */
export function notBasedOnConsent(policy: Policy, purpose: string, action: 'record' | 'withdraw'): KluisError {
  const legalBasis = policy.document.purposes[purpose]?.legalBasis ?? null;
  const name = purposeName(policy, purpose);
  const basis = basisWords(policy, purpose);
  const onConsent = policy.restsOnConsent(purpose);
  const why: Text = onConsent
    ? { nl: `Het beleid legt voor ${name.nl} geen toestemmingen vast.`, en: `The policy keeps no consents for ${name.en}.` }
    : {
        nl: `Voor ${name.nl} vragen wij geen toestemming: wij verwerken die gegevens op grond van ${basis.nl}.`,
        en: `We do not ask consent for ${name.en}: we process those data on the basis of ${basis.en}.`,
      };
  const none: Text =
    policy.consentPurposes().length === 0
      ? {
          nl: ` Geen enkele verwerking van ${policy.document.controller.name} berust op toestemming.`,
          en: ` None of ${policy.document.controller.name}'s processing rests on consent.`,
        }
      : { nl: '', en: '' };
  const effect: Text =
    action === 'record'
      ? {
          nl: ' Een toestemming vastleggen zou ten onrechte suggereren dat de verwerking stopt als die wordt ingetrokken.',
          en: ' Recording a consent would wrongly suggest that the processing stops when it is withdrawn.',
        }
      : {
          nl: ' Deze toestemming is alleen nog geschiedenis: intrekken stopt geen verwerking.',
          en: ' This consent is history only: withdrawing it stops no processing.',
        };
  const objection: Text =
    legalBasis !== null && isObjectable(legalBasis)
      ? {
          nl: ' Wil de klant dat wij ermee stoppen, registreer dan een bezwaar (art. 21 AVG).',
          en: ' If the customer wants us to stop, register an objection (Art. 21 GDPR).',
        }
      : { nl: '', en: '' };
  const reason: Text = {
    nl: `${why.nl}${none.nl}${onConsent ? '' : effect.nl}${objection.nl}`,
    en: `${why.en}${none.en}${onConsent ? '' : effect.en}${objection.en}`,
  };
  const done = action === 'record' ? 'recorded' : 'withdrawn';
  const message = onConsent
    ? `The policy keeps no consents for the purpose ${purpose}, so none is ${done} for it`
    : `The purpose ${purpose} rests on ${legalBasis ?? 'no basis'}, not on consent, so no consent is ${done} for it (Art. 6(1)(a), 7(3) GDPR)`;
  return new KluisError('not_based_on_consent', message, { purpose, legalBasis, reason });
}
