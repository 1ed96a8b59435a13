import { Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
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
import { useI18n } from '../../i18n/i18n.tsx';

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

const RECORD_TYPES = ['agreement', 'invoice', 'case', 'consent'];

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
  const holds = useApi<{ holds: Hold[] }>(`/api/subjects/${subjectId}/holds`);
  const [reason, setReason] = useState('');
  const [recordType, setRecordType] = useState<string | null>(null);
  const [recordId, setRecordId] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const place = useAction(
    useCallback(
      () =>
        post<Hold>(`/api/subjects/${subjectId}/holds`, {
          reason: reason.trim(),
          ...(recordType === null ? {} : { recordType, recordId: recordId.trim() }),
          ...(endsOn === '' ? {} : { endsOn }),
          ...(reviewOn === '' ? {} : { reviewOn }),
        }),
      [subjectId, reason, recordType, recordId, endsOn, reviewOn],
    ),
    useCallback(() => {
      setReason('');
      setRecordId('');
      holds.reload();
    }, [holds]),
  );
  const release = useAction(
    useCallback((id: string, why: string) => post<Hold>(`/api/holds/${id}/release`, { reason: why }), []),
    holds.reload,
  );
  const problem = fieldProblems(place.error, t, language);
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
                        {hold.recordType === null
                          ? t('retention.wholeSubject')
                          : `${t(`retention.recordType.${hold.recordType}`)} ${hold.recordId ?? ''}`}
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
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Select
              label={t('retention.holdRecordType')}
              clearable
              value={recordType}
              error={problem.recordType}
              onChange={setRecordType}
              data={RECORD_TYPES.map((value) => ({ value, label: t(`retention.recordType.${value}`) }))}
            />
            <TextInput
              label={t('retention.holdRecordId')}
              disabled={recordType === null}
              value={recordId}
              error={problem.recordId}
              onChange={(e) => setRecordId(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('retention.holdEndsOn')}
              value={endsOn}
              error={problem.endsOn}
              onChange={(e) => setEndsOn(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('retention.holdReviewOn')}
              value={reviewOn}
              error={problem.reviewOn}
              onChange={(e) => setReviewOn(e.currentTarget.value)}
            />
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
