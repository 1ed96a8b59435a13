import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { Subject } from '../../../../src/subjects/subject.schema.ts';
import { useApi } from '../../api/use-api.ts';
import { useListParams } from '../../components/list-table.tsx';
import { SubjectPicker } from '../../components/subject-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The invoices of one customer (issue 19): found by name, e-mail, phone or reference, kept in the address as
 * `customer` so back and reload keep it; the page shows the customer by name, never the id the address holds.
 */
export function CustomerFilter() {
  const { t } = useI18n();
  const state = useListParams();
  const id = state.get('customer');
  const subject = useApi<Subject>(id === '' ? null : `/api/subjects/${id}`);
  if (id !== '' && subject.data === undefined && subject.error === undefined) return <Skeleton height={36} width={320} />;
  if (id !== '' && subject.data !== undefined) {
    // Chosen: said as a filter, with the way back to every customer's invoices.
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {t('invoices.customerFilter')}
        </Text>
        <Group>
          <Text fw={600}>
            {subject.data.firstName} {subject.data.lastName} ({subject.data.reference})
          </Text>
          <Button variant="subtle" size="xs" onClick={() => state.set({ customer: null })}>
            {t('invoices.allCustomers')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <SubjectPicker label={t('invoices.customerFilter')} picked={null} onPick={(s) => state.set({ customer: s?.id ?? null })} />
  );
}
