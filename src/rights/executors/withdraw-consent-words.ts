import { basisWords, isObjectable, purposeName } from '../../consents/consent-basis.ts';
import type { Policy } from '../../policy/policy.ts';
import { joinWords } from '../../shared/words.ts';

type Text = { nl: string; en: string };

const words = (parts: Text[]): Text => ({
  nl: joinWords(
    parts.map((p) => p.nl),
    'nl',
  ),
  en: joinWords(
    parts.map((p) => p.en),
    'en',
  ),
});

/** Each purpose with the basis it rests on: `"Facturen" op grond van wettelijke verplichting (art. 6 lid 1 sub c AVG)`. */
function purposesWithBasis(policy: Policy, ids: string[]): Text {
  return words(
    ids.map((id) => ({
      nl: `${purposeName(policy, id).nl} op grond van ${basisWords(policy, id).nl}`,
      en: `${purposeName(policy, id).en} on the basis of ${basisWords(policy, id).en}`,
    })),
  );
}

const notOnConsent = (policy: Policy) => Object.keys(policy.document.purposes).filter((id) => !policy.restsOnConsent(id));

/** Art. 21(1): the right to object to the purposes on Art. 6(1)(e) or (f); empty when there are none. */
function objection(policy: Policy, ids: string[]): Text {
  const objectable = ids.filter((id) => isObjectable(policy.document.purposes[id]?.legalBasis ?? ''));
  if (objectable.length === 0) return { nl: '', en: '' };
  const which = words(objectable.map((id) => purposeName(policy, id)));
  return {
    nl: ` Wilt u dat wij uw gegevens niet meer gebruiken voor ${which.nl}, dan kunt u daartegen bezwaar maken (art. 21 AVG): dan stoppen wij, tenzij wij dwingende gerechtvaardigde gronden hebben die zwaarder wegen dan uw belangen, of de gegevens nodig hebben voor een rechtsvordering.`,
    en: ` If you want us to stop using your data for ${which.en}, you can object to it (Art. 21 GDPR): we then stop, unless we have compelling legitimate grounds that override your interests, or need the data for a legal claim.`,
  };
}

/** What a withdrawal of consent does not stop: the purposes on another basis, which go on. Empty when there are none. */
export function continuingBases(policy: Policy): Text {
  const others = notOnConsent(policy);
  if (others.length === 0) return { nl: '', en: '' };
  const list = purposesWithBasis(policy, others);
  return {
    nl: ` Voor andere doelen gebruiken wij uw gegevens op een andere grondslag dan toestemming; daar verandert het intrekken niets aan: ${list.nl}.`,
    en: ` For other purposes we use your data on a basis other than consent; withdrawing changes nothing there: ${list.en}.`,
  };
}

/**
 * Art. 7(3), 13(1)(c): the answer when there is no consent to withdraw because the purpose (or, when the request
 * names none, every purpose) rests on another basis: which basis, that the processing goes on, and what the person
 * can do instead. `history`: a consent recorded before for it, which was never its basis.
 */
export function noConsentToWithdraw(policy: Policy, purpose: string | null, history: boolean): Text {
  const kept: Text = history
    ? {
        nl: ' Een toestemming die wij eerder van u vastlegden, was daarvoor nooit de grondslag; wij bewaren die alleen als geschiedenis.',
        en: ' A consent of yours we recorded before was never its basis; we keep it as history only.',
      }
    : { nl: '', en: '' };
  if (purpose === null) {
    const all = notOnConsent(policy);
    const list = purposesWithBasis(policy, all);
    const object = objection(policy, all);
    return {
      nl: `Geen enkele verwerking van ons berust op uw toestemming, dus er is geen toestemming die u kunt intrekken. Wij gebruiken uw gegevens voor ${list.nl}, en dat gaat door.${object.nl}${kept.nl}`,
      en: `None of our processing rests on your consent, so there is no consent for you to withdraw. We use your data for ${list.en}, and that goes on.${object.en}${kept.en}`,
    };
  }
  const name = purposeName(policy, purpose);
  if (policy.restsOnConsent(purpose)) {
    return {
      nl: `Wij hebben geen toestemming van u voor ${name.nl} vastgelegd, dus er is niets in te trekken.`,
      en: `We have recorded no consent of yours for ${name.en}, so there is nothing to withdraw.`,
    };
  }
  const basis = basisWords(policy, purpose);
  const object = objection(policy, [purpose]);
  return {
    nl: `Voor ${name.nl} vragen wij geen toestemming: wij gebruiken uw gegevens daarvoor op grond van ${basis.nl}. Er is dus geen toestemming die u kunt intrekken, en dat gebruik gaat door.${object.nl}${kept.nl}`,
    en: `We do not ask your consent for ${name.en}: we use your data for it on the basis of ${basis.en}. So there is no consent for you to withdraw, and that use goes on.${object.en}${kept.en}`,
  };
}
