import { Badge, Table, Text } from '@mantine/core';
import { useApi } from '../../api/use-api.ts';
import { useCategoryLabels } from '../../components/category-select.tsx';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Disclosure } from '../customers/types.ts';

/** The person's disclosure log (P7-P9): who received which categories, on what ground, and whether they were told. */
export function DisclosuresSection({ subjectId }: { subjectId: string }) {
  const { t, date, language } = useI18n();
  const categoryLabels = useCategoryLabels();
  const list = useApi<{ disclosures: Disclosure[] }>(`/api/subjects/${subjectId}/disclosures`);
  return (
    <Loaded data={list.data} error={list.error}>
      {({ disclosures }) =>
        disclosures.length === 0 ? (
          <Text>{t('records.noDisclosures')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.recipient')}</Table.Th>
                  <Table.Th>{t('records.categories')}</Table.Th>
                  <Table.Th>{t('records.legalGround')}</Table.Th>
                  <Table.Th>{t('records.requestedAt')}</Table.Th>
                  <Table.Th>{t('records.status')}</Table.Th>
                  <Table.Th>{t('records.notice')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {disclosures.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{language === 'nl' ? d.recipient.name.nl : d.recipient.name.en}</Table.Td>
                    <Table.Td>{categoryLabels(d.categories)}</Table.Td>
                    <Table.Td>{d.legalGround}</Table.Td>
                    <Table.Td>{date(d.requestedAt, true)}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={d.status === 'released' ? 'cyan' : d.status === 'cancelled' ? 'gray' : 'grape'}
                      >
                        {t(`records.disclosureStatus.${d.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t(`records.noticeStatus.${d.notice.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </Loaded>
  );
}
