import { Alert, Badge, List, Table, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n.tsx';
import { money } from '../customers/format.ts';
import { longDate } from '../invoices/invoice-format.ts';
import type { ImportResult, ImportRow, RowProblem } from './types.ts';

/** At most this many rows in the table: a list of thousands is read in the file itself. */
const SHOWN = 200;

const BADGE = { create: 'blue', unchanged: 'gray', bad: 'red' } as const;
const SEPARATOR = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** A problem of a row in words: the column's label and what is wrong, never the code or the API's English. */
function useProblemText() {
  const { t } = useI18n();
  return (p: RowProblem, row?: ImportRow) => {
    const column = t(`import.column.${p.column}`);
    const value = row?.values[p.column] ?? '';
    const line = /\d+/.exec(p.message)?.[0] ?? '';
    return t(`import.problem.${p.code}`, { column, value, line });
  };
}

/** What a dry run or an import found: the counts in a sentence, and every row with its problems, bad rows first. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const { t, language } = useI18n();
  const problemText = useProblemText();
  const { counts } = result;
  const invoices = result.kind === 'invoices';
  const rows = [...result.rows].sort((a, b) => Number(b.action === 'bad') - Number(a.action === 'bad') || a.row - b.row);
  const summary = result.dryRun
    ? t('import.checked', {
        file: result.filename,
        rows: counts.rows,
        encoding: result.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252',
        separator: t(`import.separator.${SEPARATOR[result.separator]}`),
        create: counts.create,
        unchanged: counts.unchanged,
        bad: counts.bad,
      })
    : t(invoices ? 'import.doneInvoices' : 'import.done', {
        file: result.filename,
        created: result.created,
        unchanged: counts.unchanged,
        bad: counts.bad,
        source: result.source,
      });
  return (
    <>
      <Alert color={counts.bad > 0 || result.fileProblems.length > 0 ? 'yellow' : 'blue'} role="status">
        {summary}
        {result.ignoredColumns.length > 0 && (
          <Text size="sm">{t('import.ignoredColumns', { columns: result.ignoredColumns.join(', ') })}</Text>
        )}
        {result.fileProblems.length > 0 && (
          <List size="sm" mt="xs">
            {result.fileProblems.map((p) => (
              <List.Item key={p.column}>{problemText(p)}</List.Item>
            ))}
          </List>
        )}
      </Alert>
      {rows.length > SHOWN && <Text size="sm">{t('import.shown', { shown: SHOWN, rows: rows.length })}</Text>}
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label={t('import.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.row')}</Table.Th>
              {invoices ? (
                <>
                  <Table.Th>{t('import.column.number')}</Table.Th>
                  <Table.Th>{t('import.column.invoice_date')}</Table.Th>
                  <Table.Th>{t('import.column.customer')}</Table.Th>
                  <Table.Th>{t('import.column.description')}</Table.Th>
                  <Table.Th ta="right">{t('import.amount')}</Table.Th>
                </>
              ) : (
                <>
                  <Table.Th>{t('import.reference')}</Table.Th>
                  <Table.Th>{t('import.name')}</Table.Th>
                </>
              )}
              <Table.Th>{t('import.action')}</Table.Th>
              <Table.Th>{t('import.problems')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.reference || '–'}</Table.Td>
                {invoices ? (
                  <>
                    <Table.Td>
                      {r.line === undefined ? r.values.invoice_date || '–' : longDate(r.line.invoiceDate, language)}
                      {r.line?.paidOn !== undefined && (
                        <Text span size="sm" c="dimmed" display="block">
                          {t('import.paidOn', { date: longDate(r.line.paidOn, language) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.values.customer || '–'}</Table.Td>
                    <Table.Td>{r.values.description || '–'}</Table.Td>
                    <Table.Td ta="right">{r.line === undefined ? '–' : money(r.line.amountCents, 'EUR', language)}</Table.Td>
                  </>
                ) : (
                  <Table.Td>{r.values.name ?? [r.values.first_name, r.values.last_name].filter(Boolean).join(' ')}</Table.Td>
                )}
                <Table.Td>
                  <Badge color={BADGE[r.action]} variant="light">
                    {t(`import.action.${r.action}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.problems.map((p) => problemText(p, r)).join('; ') || '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
