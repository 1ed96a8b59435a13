import { Button, Group, Select, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { Section } from '../../components/section.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { DateField } from '../../components/date-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import type { SubjectView } from '../customers/types.ts';

interface Hold {
  id: string;
  recordType: string | null;
  recordId: string | null;
  reason: string;
  placedAt: string;
  endsOn: string | null;
  reviewOn: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  inForce: boolean;
}

/** Legal holds of one customer (Art. 17(3)(e)): place one with its reason and end or review date; release one. */
export function Holds() {
  const { t } = useI18n();
  const [subject, setSubject] = useState<PickedSubject | null>(null);
  return (
    <Section title={t('retention.holds')} intro={t('retention.holdsIntro')}>
      <SubjectPicker label={t('retention.customer')} picked={subject} onPick={setSubject} />
      {subject !== null && <SubjectHolds key={subject.id} subjectId={subject.id} />}
    </Section>
  );
}

function SubjectHolds({ subjectId }: { subjectId: string }) {
  const { t, date, language } = useI18n();
  const labels = useLabels();
  const holds = useApi<{ holds: Hold[] }>(`/api/subjects/${subjectId}/holds`);
  // The customer's records, to choose the one a hold keeps by its title (one logged consultation).
  const view = useApi<SubjectView>(`/api/subjects/${subjectId}/records`);
  const [reason, setReason] = useState('');
  const [record, setRecord] = useState<string | null>(null);
  const [endsOn, setEndsOn] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const place = useAction(
    useCallback(
      () =>
        post<Hold>(`/api/subjects/${subjectId}/holds`, {
          reason: reason.trim(),
          ...(record === null ? {} : { recordType: record.split(':')[0], recordId: record.split(':')[1] }),
          ...(endsOn === '' ? {} : { endsOn }),
          ...(reviewOn === '' ? {} : { reviewOn }),
        }),
      [subjectId, reason, record, endsOn, reviewOn],
    ),
    useCallback(() => {
      setReason('');
      setRecord(null);
      setEndsOn('');
      setReviewOn('');
      holds.reload();
    }, [holds]),
  );
  const release = useAction(
    useCallback((id: string, why: string) => post<Hold>(`/api/holds/${id}/release`, { reason: why }), []),
    holds.reload,
  );
  const problem = fieldProblems(place.error, t, language);
  const choices = recordChoices(view.data, t, labels.purpose, date);
  const named = (type: string, id: string | null) =>
    choices.flatMap((g) => g.items).find((c) => c.value === `${type}:${id ?? ''}`)?.label ?? t(`retention.recordType.${type}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void place.run();
  };
  return (
    <Stack>
      <Loaded data={holds.data} error={holds.error}>
        {(h) =>
          h.holds.length === 0 ? (
            <Text>{t('retention.noHolds')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('retention.holdScope')}</Table.Th>
                    <Table.Th>{t('retention.holdReason')}</Table.Th>
                    <Table.Th>{t('retention.placedAt')}</Table.Th>
                    <Table.Th>{t('retention.holdEndsOn')}</Table.Th>
                    <Table.Th>{t('retention.holdReviewOn')}</Table.Th>
                    <Table.Th>{t('requests.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {h.holds.map((hold) => (
                    <Table.Tr key={hold.id}>
                      <Table.Td>
                        {hold.recordType === null ? t('retention.wholeSubject') : named(hold.recordType, hold.recordId)}
                      </Table.Td>
                      <Table.Td>{hold.reason}</Table.Td>
                      <Table.Td>{date(hold.placedAt)}</Table.Td>
                      <Table.Td>{date(hold.endsOn)}</Table.Td>
                      <Table.Td>{date(hold.reviewOn)}</Table.Td>
                      <Table.Td>
                        {hold.inForce ? (
                          <Stack gap={4}>
                            <StateBadge color="yellow">{t('retention.inForce')}</StateBadge>
                            <TextAction
                              label={t('retention.releaseReason')}
                              submit={t('retention.release')}
                              minRows={1}
                              busy={release.busy}
                              error={release.error}
                              onSubmit={(why) => release.run(hold.id, why)}
                            />
                          </Stack>
                        ) : (
                          <StateBadge color="gray">{t('retention.ended')}</StateBadge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label={t('retention.holdReason')}
            required
            autosize
            minRows={2}
            value={reason}
            error={problem.reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('retention.holdRecord')}
              clearable
              searchable
              placeholder={t('retention.wholeSubject')}
              value={record}
              error={problem.recordId ?? problem.recordType}
              onChange={setRecord}
              data={choices}
            />
            <DateField label={t('retention.holdEndsOn')} value={endsOn} error={problem.endsOn} onChange={setEndsOn} />
            <DateField label={t('retention.holdReviewOn')} value={reviewOn} error={problem.reviewOn} onChange={setReviewOn} />
          </SimpleGrid>
          <ErrorAlert error={place.error} atFields={['reason', 'recordType', 'recordId', 'endsOn', 'reviewOn']} />
          <Group>
            <Button type="submit" loading={place.busy}>
              {t('retention.placeHold')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The customer's records a hold may keep, grouped by kind and named as people know them. */
function recordChoices(
  view: SubjectView | undefined,
  t: (key: string, values?: Record<string, string | number>) => string,
  purpose: (id: string) => string,
  date: (iso: string | null) => string,
): { group: string; items: { value: string; label: string }[] }[] {
  if (view === undefined) return [];
  const groups = [
    {
      group: t('retention.recordType.agreement'),
      items: view.agreements.map((a) => ({ value: `agreement:${a.id}`, label: a.title })),
    },
    {
      group: t('retention.recordType.invoice'),
      items: view.invoices.map((i) => ({
        value: `invoice:${i.id}`,
        label:
          i.number === null
            ? `${t('records.draftInvoice')} (${date(i.issueDate)})`
            : t('records.invoiceTitle', { number: i.number }),
      })),
    },
    { group: t('retention.recordType.case'), items: view.cases.map((c) => ({ value: `case:${c.id}`, label: c.title })) },
    {
      group: t('retention.recordType.consent'),
      items: view.consents.map((c) => ({ value: `consent:${c.id}`, label: `${purpose(c.purpose)} (${date(c.givenAt)})` })),
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}
