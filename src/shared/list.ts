import { type Compilable, type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';

/**
 * Every list of the API answers one shape, a page at a time: the rows of the page, how many there are in all, and
 * which page of which size this is (issue 19). The back office's table reads this shape for every list.
 */
export const listPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A page of a list as the API answers it; the back office imports this type. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ORDERS = ['asc', 'desc'] as const;
export type Order = (typeof ORDERS)[number];

/**
 * The paging and sorting half of a list's query string, to spread into its strict object beside the list's
 * filters: `page` (from 1), `pageSize` (at most 100), `sort` (one of the list's columns) and `order`. Anything
 * else is refused by the strict object, so a mistyped parameter is an error, not a silently wider list.
 */
export const listQuery = <S extends readonly [string, ...string[]]>(sorts: S, sort: S[number], order: Order = 'asc') => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.enum(sorts).default(sort as never),
  order: z.enum(ORDERS).default(order),
});

/**
 * Whether a route's query string is a list's (it pages): a value it refuses answers `list_query_invalid`, not
 * `validation_failed`, since nobody filled in a field; the list's own link or control asked for what it lacks.
 */
export const isListQuery = (schema: unknown): boolean => schema instanceof z.ZodObject && 'pageSize' in schema.shape;

export interface Paging {
  page: number;
  pageSize: number;
}

/** The offset of a page in the list. */
export const offsetOf = (p: Paging) => (p.page - 1) * p.pageSize;

/** How many rows a query finds, before its page is cut (the query's own order is dropped). */
export async function countRows<D>(
  db: Kysely<D> | Transaction<D>,
  query: Compilable & { clearOrderBy(): Compilable },
): Promise<number> {
  const { rows } = await sql<{
    total: number | string | bigint;
  }>`select count(*) as total from (${query.clearOrderBy()}) counted`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

/** The answer for one page, with the paging it was asked for. */
export const pageOf = <T>(items: T[], total: number, p: Paging): ListPage<T> => ({
  items,
  total,
  page: p.page,
  pageSize: p.pageSize,
});
