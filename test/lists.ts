import { expect } from 'vitest';
import type { TestApp } from './harness.ts';

/** A page of a list as every list of the API answers it (src/shared/list.ts). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reads a page of a list, expecting 200. */
export async function listPage<T>(t: TestApp, cookie: string, url: string): Promise<Page<T>> {
  const r = await t.app.inject({ url, headers: { cookie } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Page<T>>();
}

/** Asserts a list refuses a query string (a page below 1, an unknown sort, an unknown parameter) with its code. */
export async function expectRefusedQueries(t: TestApp, cookie: string, path: string, queries: string[]): Promise<void> {
  for (const q of ['page=0', 'pageSize=101', 'sort=nonsense', 'order=sideways', 'colour=blue', ...queries]) {
    const r = await t.app.inject({ url: `${path}?${q}`, headers: { cookie } });
    expect(r.statusCode, q).toBe(400);
    expect(r.json<{ error: { code: string } }>().error.code, q).toBe('list_query_invalid');
  }
}
