import { randomUUID } from 'node:crypto';
import type { Agreement, NewAgreement } from '../src/agreements/agreement.schema.ts';
import type { Case, NewCase } from '../src/cases/case.schema.ts';
import type { Consent, NewConsent } from '../src/consents/consent.schema.ts';
import { cliActor } from '../src/guard/actor.ts';
import type { Invoice, NewInvoice } from '../src/invoices/invoice.schema.ts';
import type { NewSubject, Subject } from '../src/subjects/subject.schema.ts';
import type { TestApp } from './harness.ts';

let counter = 0;

/** Inserts a subject through the service (and so through the guard) and returns it. */
export async function newSubject(t: TestApp, overrides: Partial<NewSubject> = {}): Promise<Subject> {
  counter += 1;
  return t.services.subjects.create(cliActor(), {
    firstName: 'Anna',
    lastName: `de Vries ${counter}`,
    email: `anna${counter}@example.nl`,
    phone: '+31 30 123 4567',
    addresses: [{ kind: 'postal', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' }],
    ...overrides,
  });
}

/** Inserts an agreement for the subject through the service and returns it. */
export async function newAgreement(t: TestApp, subjectId: string, overrides: Partial<NewAgreement> = {}): Promise<Agreement> {
  counter += 1;
  return t.services.agreements.create(cliActor(), subjectId, {
    kind: 'agreement',
    title: `Beheer werkplekken ${counter}`,
    status: 'active',
    startDate: '2026-01-01',
    ...overrides,
  });
}

/** Inserts a draft invoice for the subject (billing copied from the subject) through the service and returns it. */
export async function newInvoice(t: TestApp, subjectId: string, overrides: Partial<NewInvoice> = {}): Promise<Invoice> {
  return t.services.invoices.create(cliActor(), subjectId, {
    lines: [{ description: 'Werkplekbeheer', quantity: 2, unitPriceCents: 4550, vatRate: 21 }],
    ...overrides,
  });
}

/** Opens a case for the subject through the service and returns it. */
export async function newCase(t: TestApp, subjectId: string, overrides: Partial<NewCase> = {}): Promise<Case> {
  counter += 1;
  return t.services.cases.open(cliActor(), subjectId, {
    kind: 'question',
    title: `Vraag over de factuur ${counter}`,
    ...overrides,
  });
}

/**
 * Records a consent for the subject through the service and returns it, by default for the policy's first purpose
 * on consent: start the app with `withConsentPurpose()` (test/policies.ts), since Sen ICT's policy has none.
 */
export async function newConsent(t: TestApp, subjectId: string, overrides: Partial<NewConsent> = {}): Promise<Consent> {
  const purpose = overrides.purpose ?? t.services.policy.consentPurposes()[0];
  if (purpose === undefined)
    throw new Error('the policy has no purpose on consent: start the app with withConsentPurpose() (test/policies.ts)');
  return t.services.consents.record(cliActor(), subjectId, {
    purpose,
    givenAt: '2026-03-02T09:30:00Z',
    method: 'email',
    evidence: 'Ja op de vraag "mogen we u over uw tickets mailen?", e-mail van 2 maart 2026 in de map Toestemmingen',
    ...overrides,
  });
}

/**
 * A consent as Kluis recorded it before the policy had to rest it on consent: for any purpose (Sen ICT's rest on
 * contract, law and legitimate interest), written behind the guard as an upgraded installation holds it.
 */
export async function oldConsent(t: TestApp, subjectId: string, purpose: string): Promise<string> {
  const id = randomUUID();
  await t.database.db
    .insertInto('consents')
    .values({
      id,
      subject_id: subjectId,
      purpose,
      given_at: '2025-06-02T09:30:00.000Z',
      withdrawn_at: null,
      method: 'email',
      evidence: 'Ja op de vraag "mogen we u mailen over uw tickets?"',
      created_at: '2025-06-02T09:31:00.000Z',
    })
    .execute();
  return id;
}
