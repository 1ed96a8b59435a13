import { Alert, Anchor, Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { isDpo, useSession } from '../../session/session.tsx';
import { RecipientNotices } from './recipient-notices.tsx';

interface Disclosure {
  id: string;
  kind: 'disclosure' | 'legal_demand' | 'fiscal_export' | 'portability';
  recipient: { id: string | null; name: { nl: string; en: string } };
  categories: string[];
  purpose: string;
  mode: 'export' | 'recorded';
  status: 'awaiting_notice' | 'released' | 'cancelled';
  notice: { status: string };
  requestedAt: string;
}
interface Recipient {
  id: string;
  name: { nl: string; en: string };
  categories: string[];
  active: boolean;
}

const STATUS_COLOURS = { awaiting_notice: 'yellow', released: 'green', cancelled: 'gray' } as const;
const categoriesOf = (text: string) =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');

/** Disclosures per customer (P7-P9): the log, a new one, a legal demand (dpo); the Art. 19 notices (dpo). */
export function DisclosuresPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [subject, setSubject] = useState<PickedSubject | null>(null);
  return (
    <Page title={t('disclosures.title')}>
      <Section title={t('disclosures.log')}>
        <SubjectPicker label={t('disclosures.customer')} picked={subject} onPick={setSubject} />
        {subject !== null && <SubjectDisclosures key={subject.id} subjectId={subject.id} dpo={isDpo(session)} />}
      </Section>
      {isDpo(session) && <RecipientNotices />}
    </Page>
  );
}

function SubjectDisclosures({ subjectId, dpo }: { subjectId: string; dpo: boolean }) {
  const { t, date, language } = useI18n();
  const log = useApi<{ disclosures: Disclosure[] }>(`/api/subjects/${subjectId}/disclosures`);
  const release = useAction(
    useCallback((id: string) => post(`/api/disclosures/${id}/release`), []),
    log.reload,
  );
  const cancel = useAction(
    useCallback((id: string, reason: string) => post(`/api/disclosures/${id}/cancel`, { reason }), []),
    log.reload,
  );
  return (
    <Stack>
      <ErrorAlert error={release.error} />
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
                        {d.recipient.name[language]}
                        {d.kind !== 'disclosure' && (
                          <StateBadge color="gray" ml="xs">
                            {t(`disclosures.kind.${d.kind}`)}
                          </StateBadge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {d.categories.join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StateBadge color={STATUS_COLOURS[d.status]}>
                          {t(`disclosures.status.${d.status}`)}
                        </StateBadge>
                      </Table.Td>
                      <Table.Td>{t(`disclosures.notice.${d.notice.status}`)}</Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          {d.status === 'released' && d.mode === 'export' && (
                            <Anchor href={`/api/disclosures/${d.id}/export`} download>
                              {t('disclosures.export')}
                            </Anchor>
                          )}
                          {d.status === 'awaiting_notice' && (
                            <>
                              <Button size="xs" loading={release.busy} onClick={() => void release.run(d.id)}>
                                {t('disclosures.release')}
                              </Button>
                              <TextAction
                                label={t('disclosures.cancelReason')}
                                submit={t('disclosures.cancel')}
                                minRows={1}
                                busy={cancel.busy}
                                error={cancel.error}
                                color="gray.7"
                                onSubmit={(reason) => cancel.run(d.id, reason)}
                              />
                            </>
                          )}
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
      <NewDisclosure subjectId={subjectId} onDone={log.reload} />
      {dpo && <LegalDemand subjectId={subjectId} onDone={log.reload} />}
    </Stack>
  );
}

/** How the data goes out: Kluis makes the file (JSON or CSV), or staff record a hand-over made another way. */
function delivery(mode: string, description: string) {
  return mode === 'recorded' ? { mode: 'recorded', description: description.trim() } : { mode: 'export', format: mode };
}

function DeliveryFields({ mode, setMode, description, setDescription }: { mode: string; setMode: (m: string) => void; description: string; setDescription: (d: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Select
        label={t('disclosures.mode')}
        allowDeselect={false}
        value={mode}
        onChange={(m) => setMode(m ?? 'json')}
        data={(['json', 'csv', 'recorded'] as const).map((m) => ({ value: m, label: t(`disclosures.mode.${m}`) }))}
      />
      {mode === 'recorded' && <Textarea label={t('disclosures.description')} required autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />}
    </>
  );
}

function NewDisclosure({ subjectId, onDone }: { subjectId: string; onDone: () => void }) {
  const { t, language } = useI18n();
  const register = useApi<{ recipients: Recipient[] }>('/api/registers/recipients');
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [categories, setCategories] = useState<string[]>([]);
  const [mode, setMode] = useState('json');
  const [description, setDescription] = useState('');
  const [made, setMade] = useState(false);
  const disclose = useAction(
    useCallback(() => post(`/api/subjects/${subjectId}/disclosures`, { recipientId, categories, ...delivery(mode, description) }), [subjectId, recipientId, categories, mode, description]),
    useCallback(() => {
      setMade(true);
      setCategories([]);
      setDescription('');
      onDone();
    }, [onDone]),
  );
  const recipients = register.data?.recipients.filter((r) => r.active) ?? [];
  const chosen = recipients.find((r) => r.id === recipientId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMade(false);
    void disclose.run();
  };
  return (
    <Section title={t('disclosures.new')} intro={t('disclosures.newIntro')}>
      <ErrorAlert error={register.error} />
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('disclosures.recipient')}
              required
              value={recipientId}
              onChange={(id) => {
                setRecipientId(id);
                setCategories([]);
              }}
              data={recipients.map((r) => ({ value: r.id, label: r.name[language] }))}
            />
            <MultiSelect label={t('disclosures.categories')} required value={categories} onChange={setCategories} data={chosen?.categories ?? []} disabled={chosen === undefined} />
            <DeliveryFields mode={mode} setMode={setMode} description={description} setDescription={setDescription} />
          </SimpleGrid>
          <ErrorAlert error={disclose.error} />
          {made && (
            <Alert color="green" role="status">
              {t('disclosures.made')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={disclose.busy}>
              {t('disclosures.make')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function LegalDemand({ subjectId, onDone }: { subjectId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [authority, setAuthority] = useState('');
  const [legalGround, setLegalGround] = useState('');
  const [reference, setReference] = useState('');
  const [categories, setCategories] = useState('');
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
          categories: categoriesOf(categories),
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
            <TextInput label={t('disclosures.authority')} required value={authority} onChange={(e) => setAuthority(e.currentTarget.value)} />
            <TextInput label={t('disclosures.legalGround')} required value={legalGround} onChange={(e) => setLegalGround(e.currentTarget.value)} />
            <TextInput label={t('disclosures.reference')} required value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
          </SimpleGrid>
          <TextInput label={t('disclosures.categoriesList')} required value={categories} onChange={(e) => setCategories(e.currentTarget.value)} />
          <Checkbox label={t('disclosures.suppress')} checked={suppress} onChange={(e) => setSuppress(e.currentTarget.checked)} />
          {suppress && <TextInput label={t('disclosures.suppressionGround')} required value={suppressionGround} onChange={(e) => setSuppressionGround(e.currentTarget.value)} />}
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
