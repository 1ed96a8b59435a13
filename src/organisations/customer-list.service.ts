import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import { listCustomers } from './customer-list.repository.ts';
import { type CustomerListItem, customerListQuery } from './customer-list.schema.ts';
import { touchOrganisation } from './organisation.service.ts';
import * as organisations from './organisation.repository.ts';

/** The customer list: persons and organisations together, paged, sorted and searched on the server (issue 19). */
export class CustomerListService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  /**
   * One page is one consultation naming every customer on it. A person this actor may not consult (a
   * restriction, Art. 18(2); an upheld objection, Art. 21(1)), or an organisation whose owner is such a person,
   * is left off the page and not named; the total still counts them, so the pages do not shift.
   */
  async list(actor: Actor, input: unknown): Promise<ListPage<CustomerListItem>> {
    const q = parse(customerListQuery, input ?? {}, 'query');
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', purpose: q.purpose, readOnly: true },
      async (ctx) => {
        const { rows, total } = await listCustomers(ctx.trx, q);
        const organisationIds = rows.filter((r) => r.kind === 'organisation').map((r) => r.id);
        const owners = await organisations.ownersOf(ctx.trx, organisationIds);
        const persons = [...rows.filter((r) => r.kind === 'person').map((r) => r.id), ...[...owners.values()].flat()];
        const withheld = new Set([
          ...(await withheldByRestriction(this.guard.policy, ctx.processing, persons, ctx.trx)),
          ...(await withheldByObjection(this.guard.policy, ctx.processing, persons, ctx.trx)),
        ]);
        const shown = rows.filter((r) =>
          r.kind === 'person' ? !withheld.has(r.id) : !(owners.get(r.id) ?? []).some((s) => withheld.has(s)),
        );
        for (const r of shown) if (r.kind === 'person') ctx.touch('subject', r.id, r.id);
        await touchOrganisation(
          ctx,
          shown.filter((r) => r.kind === 'organisation').map((r) => r.id),
        );
        const items = shown.map((r) => ({
          kind: r.kind === 'organisation' ? ('organisation' as const) : ('person' as const),
          id: r.id,
          reference: r.reference,
          name: r.name,
          email: r.email,
          phone: r.phone,
          createdAt: r.created_at,
        }));
        return pageOf(items, total, q);
      },
    );
  }
}
