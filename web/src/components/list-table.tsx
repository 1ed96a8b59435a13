import {
  Button,
  Group,
  Pagination,
  Select,
  Skeleton,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ListPage, Order } from '../../../src/shared/list.ts';
import { query } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DateField } from './date-field.tsx';
import { ErrorAlert } from './page.tsx';

/** A column: its heading, its cell, and the API's sort key when the list can be sorted by it. */
export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
  sort?: string;
}

/**
 * A filter of the list: a choice of values, or text typed into a search box or a date (`YYYY-MM-DD`, shown as
 * dd-mm-jjjj), sent when the form is submitted.
 */
export type Filter =
  | { name: string; label: string; options: { value: string; label: string }[]; placeholder?: string }
  | { name: string; label: string; text: true; type?: 'date' };

const PAGE_SIZE = 25;

/**
 * The state of a list in the address (issue 19): page, sort, order and the filters are URL search params, so back
 * and reload keep them. `prefix` keeps two lists on one page apart; a change of filter or sort goes to page 1.
 */
export function useListParams(prefix = '') {
  const [params, setParams] = useSearchParams();
  const get = (name: string) => params.get(prefix + name) ?? '';
  const set = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(prefix + name);
        else next.set(prefix + name, value);
      }
      if (!('page' in changes)) next.delete(`${prefix}page`);
      return next;
    });
  return { get, set };
}

/**
 * One table for the back office's lists (GET /api/… answering `{items, total, page, pageSize}`): filters, sortable
 * headings, pages, an empty text, and while a page loads the frame stays with a skeleton in its rows.
 */
export function ListTable<T>({
  path,
  columns,
  filters = [],
  defaultSort,
  defaultOrder = 'asc',
  fixed = {},
  rowKey,
  empty,
  label,
  prefix = '',
  minWidth = 640,
  refresh = 0,
}: {
  path: string;
  columns: Column<T>[];
  filters?: Filter[];
  defaultSort: string;
  defaultOrder?: Order;
  /** Query parameters always sent, not shown (the tab's own filter). */
  fixed?: Record<string, string>;
  rowKey: (row: T) => string;
  empty: string;
  /** The table's name for screen readers. */
  label: string;
  prefix?: string;
  minWidth?: number;
  /** Changed by the page after an action on a row: the page is read again. */
  refresh?: number;
}) {
  const { t } = useI18n();
  const state = useListParams(prefix);
  const page = Math.max(1, Number(state.get('page')) || 1);
  const sort = columns.some((c) => c.sort === state.get('sort')) ? state.get('sort') : defaultSort;
  const order: Order =
    state.get('order') === 'asc' || state.get('order') === 'desc' ? (state.get('order') as Order) : defaultOrder;
  const chosen = Object.fromEntries(
    filters.map((f): [string, string] => [f.name, state.get(f.name)]).filter(([, v]) => v !== ''),
  );
  const list = useApi<ListPage<T>>(
    `${path}${query({ ...fixed, ...chosen, sort, order, page: String(page), pageSize: String(PAGE_SIZE) })}`,
  );
  const { reload } = list;
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  const rows = list.loading ? undefined : list.data;
  const pages = list.data === undefined ? 1 : Math.max(1, Math.ceil(list.data.total / list.data.pageSize));
  const sortBy = (key: string) =>
    state.set({ sort: key, order: key === sort ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder });

  return (
    <>
      {/* Keyed by what the address holds, so back and reload show it in the search box too. */}
      {filters.length > 0 && (
        <ListFilters key={filters.map((f) => state.get(f.name)).join('\u0000')} filters={filters} state={state} />
      )}
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover aria-label={label} aria-busy={rows === undefined}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.label} aria-sort={c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sort === undefined ? (
                    c.label
                  ) : (
                    <UnstyledButton fw={700} fz="sm" onClick={() => sortBy(c.sort ?? '')}>
                      {c.label}
                      {c.sort === sort && <span aria-hidden="true">{order === 'asc' ? ' ▲' : ' ▼'}</span>}
                    </UnstyledButton>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows === undefined
              ? [0, 1, 2].map((i) => (
                  <Table.Tr key={i}>
                    {columns.map((c) => (
                      <Table.Td key={c.label}>
                        <Skeleton height={12} radius="sm" />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))
              : rows.items.map((row) => (
                  <Table.Tr key={rowKey(row)}>
                    {columns.map((c) => (
                      <Table.Td key={c.label}>{c.cell(row)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows === undefined && <VisuallyHidden role="status">{t('common.loading')}</VisuallyHidden>}
      {rows !== undefined && rows.total === 0 && <Text>{empty}</Text>}
      {rows !== undefined && rows.total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="gray.7">
            {t('lists.count', { total: rows.total, page, pages })}
          </Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => state.set({ page: String(p) })}
              getControlProps={(control) => ({ 'aria-label': t(`lists.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('lists.page', { page: p }) })}
            />
          )}
        </Group>
      )}
    </>
  );
}

/** The filters above a list: a choice applies at once, a text when the form is sent. */
function ListFilters({ filters, state }: { filters: Filter[]; state: ReturnType<typeof useListParams> }) {
  const { t } = useI18n();
  const texts = filters.filter((f) => 'text' in f);
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(texts.map((f): [string, string] => [f.name, state.get(f.name)])),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    state.set(Object.fromEntries(texts.map((f) => [f.name, (typed[f.name] ?? '').trim() || null])));
  };
  return (
    <form onSubmit={submit} role="search" aria-label={t('lists.filters')}>
      <Group align="end">
        {filters.map((f) =>
          'text' in f && f.type === 'date' ? (
            // dd-mm-jjjj in the page's language, not the browser's native input (issue 19, part 7).
            <DateField
              key={f.name}
              label={f.label}
              value={typed[f.name] ?? ''}
              onChange={(value) => setTyped({ ...typed, [f.name]: value })}
              w={180}
            />
          ) : 'text' in f ? (
            <TextInput
              key={f.name}
              label={f.label}
              value={typed[f.name] ?? ''}
              onChange={(e) => setTyped({ ...typed, [f.name]: e.currentTarget.value })}
              w={260}
            />
          ) : (
            <Select
              key={f.name}
              label={f.label}
              placeholder={f.placeholder ?? t('lists.all')}
              clearable
              value={state.get(f.name) || null}
              onChange={(v) => state.set({ [f.name]: v })}
              data={f.options}
              w={200}
            />
          ),
        )}
        {texts.length > 0 && <Button type="submit">{t('common.search')}</Button>}
      </Group>
    </form>
  );
}
