import type { Actor } from '../guard/actor.ts';
import type { Services } from '../services.ts';
import { seedOrganisations } from './seed-organisations.ts';
import { AGREEMENT_TITLES, CASES, CITIES, EMPLOYERS, FIRST_NAMES, LAST_NAMES, SERVICES, STREETS } from './demo-data.ts';
import { businessDate } from '../shared/business-day.ts';

export interface SeedSummary {
  subjects: number;
  agreements: number;
  invoices: number;
  cases: number;
  consents: number;
  /** Business customers (where the policy declares contact persons' data) and their contact persons. */
  organisations: number;
  contactPersons: number;
}

/** A small deterministic PRNG (mulberry32), so every demo database is the same. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDay = (d: Date) => businessDate(d);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * Fills the database with Sen ICT's demonstration customers, through the services and so through the
 * guard: every record is logged as collected by the actor, just as real data would be. Ask `demoMisfits`
 * first: a policy the data does not fit would stop the seed half-way.
 */
export async function seedDemo(services: Services, actor: Actor, count = 50): Promise<SeedSummary> {
  const rnd = random(2019_02_15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const summary: SeedSummary = {
    subjects: 0,
    agreements: 0,
    invoices: 0,
    cases: 0,
    consents: 0,
    organisations: 0,
    contactPersons: 0,
  };
  const consentPurpose = services.policy.consentPurposes()[0];
  // The contact persons of each organisation seedOrganisations adds, by the employer's name.
  const employees = new Map<string, string[]>();

  for (let i = 1; i <= count; i += 1) {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const [prefix, city] = pick(CITIES);
    // Every fifth customer is a business customer's contact person, whose employer gave us the details;
    // chosen by number, not by the random generator, so the rest of the demo stays as it was.
    const employer = i % 5 === 0 ? EMPLOYERS[(i / 5) % EMPLOYERS.length] : undefined;
    const handle = `${firstName}.${lastName}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    const subject = await services.subjects.create(actor, {
      reference: `DEMO-${String(i).padStart(3, '0')}`,
      firstName,
      lastName,
      email: `${handle}${i}@example.nl`,
      phone: `+31 6 ${String(10_000_000 + Math.floor(rnd() * 89_999_999)).slice(0, 8)}`,
      language: rnd() < 0.85 ? 'nl' : 'en',
      addresses: [
        {
          kind: 'postal',
          street: `${pick(STREETS)} ${1 + Math.floor(rnd() * 200)}`,
          postalCode: `${prefix} ${pick(['AA', 'BK', 'CD', 'RH', 'XT'])}`,
          city,
          country: 'NL',
        },
      ],
      ...(employer === undefined ? { source: 'person' as const } : { source: 'employer' as const, sourceOrganisation: employer }),
    });
    summary.subjects += 1;
    if (employer !== undefined) employees.set(employer, [...(employees.get(employer) ?? []), subject.id]);

    // A quote that led to an agreement; some agreements ended long ago (retention will come for them).
    const startedDaysAgo = 60 + Math.floor(rnd() * 2500);
    const start = daysAgo(startedDaysAgo);
    await services.agreements.create(actor, subject.id, {
      kind: 'quote',
      title: `Offerte ${pick(AGREEMENT_TITLES)}`,
      status: 'accepted',
      startDate: isoDay(daysAgo(startedDaysAgo + 14)),
      endDate: isoDay(start),
    });
    const ended = rnd() < 0.35;
    const end = ended ? daysAgo(Math.floor(rnd() * Math.min(startedDaysAgo - 1, 1400))) : undefined;
    await services.agreements.create(actor, subject.id, {
      kind: 'agreement',
      title: pick(AGREEMENT_TITLES),
      status: ended ? 'ended' : 'active',
      startDate: isoDay(start),
      ...(end === undefined ? {} : { endDate: isoDay(end) }),
    });
    summary.agreements += 2;

    const invoiceCount = 1 + Math.floor(rnd() * 3);
    for (let n = 0; n < invoiceCount; n += 1) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
        const service = pick(SERVICES);
        return {
          description: service.description,
          quantity: 1 + Math.floor(rnd() * 5),
          unitPriceCents: service.unitPriceCents,
          vatRate: 21 as const,
        };
      });
      const draft = await services.invoices.create(actor, subject.id, { lines });
      await services.invoices.issue(actor, draft.id, { completedOn: isoDay(daysAgo(Math.floor(rnd() * startedDaysAgo))) });
      summary.invoices += 1;
    }

    if (rnd() < 0.6) {
      const story = pick(CASES);
      const asked = daysAgo(1 + Math.floor(rnd() * 400));
      const opened = await services.cases.open(actor, subject.id, {
        kind: story.kind,
        title: story.title,
        message: {
          channel: 'email',
          direction: 'inbound',
          occurredAt: asked.toISOString(),
          from: subject.email ?? undefined,
          body: story.body,
        },
      });
      await services.cases.addMessage(actor, opened.id, {
        channel: 'email',
        direction: 'outbound',
        occurredAt: new Date(asked.getTime() + 4 * 3_600_000).toISOString(),
        to: subject.email ?? undefined,
        body: story.answer,
      });
      if (rnd() < 0.7) await services.cases.close(actor, opened.id);
      summary.cases += 1;
    }

    // Only where a purpose rests on consent (Art. 6(1)(a)); Sen ICT's do not, so its demo has no consents.
    if (rnd() < 0.3 && consentPurpose !== undefined) {
      await services.consents.record(actor, subject.id, {
        purpose: consentPurpose,
        givenAt: daysAgo(Math.floor(rnd() * 300)).toISOString(),
        method: 'email',
        evidence: `Toestemming per e-mail voor "${services.policy.document.purposes[consentPurpose]?.name.nl ?? consentPurpose}"; mail bewaard in het dossier.`,
      });
      summary.consents += 1;
    }
  }
  const businesses = await seedOrganisations(services, actor, employees);
  return { ...summary, organisations: businesses.organisations, contactPersons: businesses.contacts };
}
