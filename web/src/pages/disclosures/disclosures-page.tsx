import { Anchor, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useReducer, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { CategorySelect, useCategoryLabels } from '../../components/category-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { AwaitingNotice } from './awaiting-notice.tsx';
import { DeliveryFields, NewDisclosure, delivery } from './new-disclosure.tsx';
import { RecipientNotices } from './recipient-notices.tsx';
import { RecipientName, WaitingActions, useWaitingActions } from './waiting-actions.tsx';

interface Disclosure {
  id: string;
  kind: 'disclosure' | 'legal_demand' | 'fiscal_export' | 'portability';
  /** The company by its legal name where the register names it; its category beside it. */
  recipient: {
    id: string | null;
    name: { nl: string; en: string };
    category: { nl: string; en: string } | null;
    company: { kvkNumber: string | null } | null;
  };
  categories: string[];
  purpose: string;
  mode: 'export' | 'recorded';
  status: 'awaiting_notice' | 'released' | 'cancelled';
  notice: { status: string };
  requestedAt: string;
}

const STATUS_COLOURS = { awaiting_notice: 'yellow', released: 'green', cancelled: 'gray' } as const;

/**
 * Disclosures per customer (P7-P9): the log, a new one, a legal demand (dpo); for the dpo also those of every
 * customer awaiting their advance notice, and the Art. 19 notices. A release or cancellation in one table shows in
 * the other at once.
 */
export function DisclosuresPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [subject, setSubject] = useState<PickedSubject | null>(null);
  const [changes, changed] = useReducer((n: number) => n + 1, 0);
  return (
    <Page title={t('disclosures.title')}>
      <Section title={t('disclosures.log')}>
        <SubjectPicker label={t('disclosures.customer')} picked={subject} onPick={setSubject} />
        {subject !== null && (
          <SubjectDisclosures
            key={subject.id}
            subjectId={subject.id}
            legalDemands={can(session, 'legal_demands')}
            refresh={changes}
            onChanged={changed}
          />
        )}
      </Section>
      {can(session, 'rights') && <AwaitingNotice refresh={changes} onChanged={changed} />}
      {can(session, 'rights') && <RecipientNotices />}
    </Page>
  );
}

function SubjectDisclosures({
  subjectId,
  legalDemands,
  refresh,
  onChanged,
}: {
  subjectId: string;
  legalDemands: boolean;
  refresh: number;
  onChanged: () => void;
}) {
  const { t, date } = useI18n();
  const categoryLabels = useCategoryLabels();
  const log = useApi<{ disclosures: Disclosure[] }>(`/api/subjects/${subjectId}/disclosures`);
  const { reload } = log;
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  const actions = useWaitingActions(onChanged);
  return (
    <Stack>
      <ErrorAlert error={actions.release.error} />
      <Loaded data={log.data} error={log.error}>
        {({ disclosures }) =>
          disclosures.length === 0 ? (
            <Text>{t('disclosures.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('disclosures.requestedAt')}</Table.Th>
                    <Table.Th>{t('disclosures.recipient')}</Table.Th>
                    <Table.Th>{t('disclosures.categories')}</Table.Th>
                    <Table.Th>{t('disclosures.status')}</Table.Th>
                    <Table.Th>{t('disclosures.notice')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {disclosures.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>{date(d.requestedAt, true)}</Table.Td>
                      <Table.Td>
                        <RecipientName kind={d.kind} recipient={d.recipient} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{categoryLabels(d.categories)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <StateBadge color={STATUS_COLOURS[d.status]}>{t(`disclosures.status.${d.status}`)}</StateBadge>
                      </Table.Td>
                      <Table.Td>{t(`disclosures.notice.${d.notice.status}`)}</Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          {d.status === 'released' && d.mode === 'export' && (
                            <Anchor href={`/api/disclosures/${d.id}/export`} download>
                              {t('disclosures.export')}
                            </Anchor>
                          )}
                          {d.status === 'awaiting_notice' && <WaitingActions id={d.id} actions={actions} />}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      <NewDisclosure subjectId={subjectId} onDone={onChanged} />
      {legalDemands && <LegalDemand subjectId={subjectId} onDone={onChanged} />}
    </Stack>
  );
}

function LegalDemand({ subjectId, onDone }: { subjectId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [authority, setAuthority] = useState('');
  const [legalGround, setLegalGround] = useState('');
  const [reference, setReference] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [suppress, setSuppress] = useState(false);
  const [suppressionGround, setSuppressionGround] = useState('');
  const [mode, setMode] = useState('json');
  const [description, setDescription] = useState('');
  const record = useAction(
    useCallback(
      () =>
        post(`/api/subjects/${subjectId}/legal-demands`, {
          authority: authority.trim(),
          legalGround: legalGround.trim(),
          reference: reference.trim(),
          categories,
          ...(suppress ? { suppressNotice: true, suppressionGround: suppressionGround.trim() } : {}),
          ...delivery(mode, description),
        }),
      [subjectId, authority, legalGround, reference, categories, suppress, suppressionGround, mode, description],
    ),
    onDone,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void record.run();
  };
  return (
    <Section title={t('disclosures.demand')} intro={t('disclosures.demandIntro')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('disclosures.authority')}
              required
              value={authority}
              onChange={(e) => setAuthority(e.currentTarget.value)}
            />
            <TextInput
              label={t('disclosures.legalGround')}
              required
              value={legalGround}
              onChange={(e) => setLegalGround(e.currentTarget.value)}
            />
            <TextInput
              label={t('disclosures.reference')}
              required
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </SimpleGrid>
          <CategorySelect label={t('disclosures.categoriesList')} required value={categories} onChange={setCategories} />
          <Checkbox label={t('disclosures.suppress')} checked={suppress} onChange={(e) => setSuppress(e.currentTarget.checked)} />
          {suppress && (
            <TextInput
              label={t('disclosures.suppressionGround')}
              required
              value={suppressionGround}
              onChange={(e) => setSuppressionGround(e.currentTarget.value)}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DeliveryFields mode={mode} setMode={setMode} description={description} setDescription={setDescription} />
          </SimpleGrid>
          <ErrorAlert error={record.error} />
          <Group>
            <Button type="submit" loading={record.busy}>
              {t('disclosures.recordDemand')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
