import { cliActor } from '../src/guard/actor.ts';
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
