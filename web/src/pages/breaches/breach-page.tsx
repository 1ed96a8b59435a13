import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Fact, Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { useCategoryLabels } from '../../components/category-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClockBadge } from './clock-badge.tsx';
import { EvidenceSection } from './evidence-section.tsx';
import { type Breach, isoOf, listOf } from './types.ts';
import { DateField, DateTimeField } from '../../components/date-field.tsx';

/** One breach: the facts of Art. 33(3), the clock, notifications to the AP, the letters or the exemption (Art. 34). */
export function BreachPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const categoryLabels = useCategoryLabels();
  const breach = useApi<Breach>(`/api/breaches/${id}`);
  return (
    <Page
      title={
        breach.data === undefined ? t('breaches.title') : t('breaches.detailTitle', { date: date(breach.data.becameAwareAt) })
      }
      actions={
        <Anchor component={Link} to="/breaches">
          {t('breaches.back')}
        </Anchor>
      }
    >
      <Loaded data={breach.data} error={breach.error}>
        {(b) => (
          <Stack>
            <Group>
              <ClockBadge clock={b.clock} />
              <StateBadge color={b.risk === 'high' ? 'red' : b.risk === 'risk' ? 'orange' : 'gray'}>
                {t(`breaches.risk.${b.risk}`)}
              </StateBadge>
            </Group>
            <Section title={t('breaches.description')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Fact label={t('breaches.awareAt')}>{date(b.becameAwareAt, true)}</Fact>
                <Fact label={t('breaches.deadline')}>{date(b.clock.deadline, true)}</Fact>
                <Fact label={t('breaches.description')}>{b.description}</Fact>
                <Fact label={t('breaches.fact.subjectCategories')}>{b.subjectCategories.join(', ')}</Fact>
                <Fact label={t('breaches.fact.dataCategories')}>{categoryLabels(b.dataCategories)}</Fact>
                <Fact label={t('breaches.fact.approx')}>{`${b.approxSubjects} / ${b.approxRecords}`}</Fact>
                <Fact label={t('breaches.consequences')}>{b.consequences}</Fact>
                <Fact label={t('breaches.measures')}>{b.measures}</Fact>
              </SimpleGrid>
            </Section>
            <EvidenceSection breachId={b.id} />
            <Notifications breach={b} onDone={breach.reload} />
            {b.risk === 'high' && <Letters breach={b} onDone={breach.reload} />}
            {b.risk === 'high' && <Exemption breach={b} onDone={breach.reload} />}
          </Stack>
        )}
      </Loaded>
    </Page>
  );
}

function Notifications({ breach, onDone }: { breach: Breach; onDone: () => void }) {
  const { t, date } = useI18n();
  const [phase, setPhase] = useState<string | null>(breach.notifications.length === 0 ? 'initial' : 'follow_up');
  const [notifiedAt, setNotifiedAt] = useState('');
  const [reference, setReference] = useState('');
  const [summary, setSummary] = useState('');
  const [lateReason, setLateReason] = useState('');
  const notify = useAction(
    useCallback(
      () =>
        post(`/api/breaches/${breach.id}/notifications`, {
          phase,
          notifiedAt: isoOf(notifiedAt),
          reference: reference.trim(),
          ...(summary.trim() === '' ? {} : { summary: summary.trim() }),
          ...(lateReason.trim() === '' ? {} : { lateReason: lateReason.trim() }),
        }),
      [breach.id, phase, notifiedAt, reference, summary, lateReason],
    ),
    onDone,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void notify.run();
  };
  return (
    <Section title={t('breaches.notifications')}>
      {breach.notifications.length === 0 ? (
        <Text>{t('breaches.noNotifications')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('breaches.phase')}</Table.Th>
                <Table.Th>{t('breaches.notifiedAt')}</Table.Th>
                <Table.Th>{t('breaches.reference')}</Table.Th>
                <Table.Th>{t('breaches.summary')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {breach.notifications.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    {t(`breaches.phase.${n.phase}`)}
                    {n.late && (
                      <StateBadge color="red" alarm ml="xs">
                        {t('breaches.late')}
                      </StateBadge>
                    )}
                  </Table.Td>
                  <Table.Td>{date(n.notifiedAt, true)}</Table.Td>
                  <Table.Td>{n.reference}</Table.Td>
                  <Table.Td>{[n.summary, n.lateReason].filter((s) => s !== null).join(' · ') || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('breaches.phase')}
              allowDeselect={false}
              value={phase}
              onChange={setPhase}
              data={(['initial', 'follow_up', 'final'] as const).map((p) => ({ value: p, label: t(`breaches.phase.${p}`) }))}
            />
            <DateTimeField label={t('breaches.notifiedAt')} required value={notifiedAt} onChange={(v) => setNotifiedAt(v)} />
            <TextInput
              label={t('breaches.reference')}
              required
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('breaches.summary')}
            autosize
            minRows={2}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          <Textarea
            label={t('breaches.lateReason')}
            autosize
            minRows={1}
            value={lateReason}
            onChange={(e) => setLateReason(e.currentTarget.value)}
          />
          <ErrorAlert error={notify.error} />
          <Group>
            <Button type="submit" loading={notify.busy}>
              {t('breaches.notify')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Letters({ breach, onDone }: { breach: Breach; onDone: () => void }) {
  const { t } = useI18n();
  // The persons to tell: picked one by one by name, e-mail, phone or reference, or pasted as ids (a list made elsewhere).
  const [chosen, setChosen] = useState<PickedSubject[]>([]);
  const [ids, setIds] = useState('');
  const [whatHappened, setWhatHappened] = useState('');
  const [consequences, setConsequences] = useState('');
  const [measures, setMeasures] = useState('');
  const [advice, setAdvice] = useState('');
  const [result, setResult] = useState<{ queued: unknown[]; alreadyInformed: unknown[]; toPost: unknown[] }>();
  const send = useAction(
    useCallback(() => {
      const text = {
        whatHappened: whatHappened.trim(),
        consequences: consequences.trim(),
        measures: measures.trim(),
        ...(advice.trim() === '' ? {} : { advice: advice.trim() }),
      };
      // One text serves both languages here; a person gets it in their own language's letter frame.
      return post<{ queued: unknown[]; alreadyInformed: unknown[]; toPost: unknown[] }>(`/api/breaches/${breach.id}/letters`, {
        subjectIds: [...new Set([...chosen.map((s) => s.id), ...listOf(ids)])],
        texts: { nl: text, en: text },
      });
    }, [breach.id, chosen, ids, whatHappened, consequences, measures, advice]),
    useCallback(
      (r: { queued: unknown[]; alreadyInformed: unknown[]; toPost: unknown[] }) => {
        setResult(r);
        setChosen([]);
        setIds('');
        onDone();
      },
      [onDone],
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <Section title={t('breaches.letters')} intro={t('breaches.lettersCount', breach.letters)}>
      <SubjectPicker
        label={t('breaches.addSubject')}
        picked={null}
        onPick={(s) => s !== null && setChosen((list) => (list.some((c) => c.id === s.id) ? list : [...list, s]))}
      />
      {chosen.length > 0 && (
        <Paper withBorder p="xs" component="ul" aria-label={t('breaches.chosen')} style={{ listStyle: 'none', margin: 0 }}>
          {chosen.map((s) => (
            <Group key={s.id} component="li" gap="xs">
              <Text size="sm">
                {s.firstName} {s.lastName} ({s.reference})
              </Text>
              <CloseButton
                size="sm"
                aria-label={t('breaches.removeSubject', { name: `${s.firstName} ${s.lastName}` })}
                onClick={() => setChosen((list) => list.filter((c) => c.id !== s.id))}
              />
            </Group>
          ))}
        </Paper>
      )}
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label={t('breaches.subjectIds')}
            autosize
            minRows={1}
            value={ids}
            onChange={(e) => setIds(e.currentTarget.value)}
          />
          <Textarea
            label={t('breaches.whatHappened')}
            required
            autosize
            minRows={2}
            value={whatHappened}
            onChange={(e) => setWhatHappened(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Textarea
              label={t('breaches.consequences')}
              required
              autosize
              minRows={2}
              value={consequences}
              onChange={(e) => setConsequences(e.currentTarget.value)}
            />
            <Textarea
              label={t('breaches.measures')}
              required
              autosize
              minRows={2}
              value={measures}
              onChange={(e) => setMeasures(e.currentTarget.value)}
            />
            <Textarea
              label={t('breaches.advice')}
              autosize
              minRows={2}
              value={advice}
              onChange={(e) => setAdvice(e.currentTarget.value)}
            />
          </SimpleGrid>
          <ErrorAlert error={send.error} />
          {result !== undefined && (
            <Alert color="green" role="status">
              {t('breaches.lettersResult', {
                queued: result.queued.length,
                already: result.alreadyInformed.length,
                post: result.toPost.length,
              })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={send.busy}>
              {t('breaches.sendLetters')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Exemption({ breach, onDone }: { breach: Breach; onDone: () => void }) {
  const { t, date } = useI18n();
  const [ground, setGround] = useState<string | null>('encrypted');
  const [motivation, setMotivation] = useState('');
  const [publishedOn, setPublishedOn] = useState('');
  const [where, setWhere] = useState('');
  const [text, setText] = useState('');
  const exempt = useAction(
    useCallback(
      () =>
        post(`/api/breaches/${breach.id}/exemption`, {
          ground,
          motivation: motivation.trim(),
          ...(ground === 'disproportionate' ? { publicNotice: { publishedOn, where: where.trim(), text: text.trim() } } : {}),
        }),
      [breach.id, ground, motivation, publishedOn, where, text],
    ),
    onDone,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void exempt.run();
  };
  if (breach.exemption !== null) {
    return (
      <Section title={t('breaches.exemption')}>
        <Text>
          {t(`breaches.ground.${breach.exemption.ground}`)} · {date(breach.exemption.recordedAt)}
        </Text>
        <Text>{breach.exemption.motivation}</Text>
      </Section>
    );
  }
  return (
    <Section title={t('breaches.exemption')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('breaches.ground')}
            allowDeselect={false}
            value={ground}
            onChange={setGround}
            data={(['encrypted', 'risk_removed', 'disproportionate'] as const).map((g) => ({
              value: g,
              label: t(`breaches.ground.${g}`),
            }))}
          />
          <Textarea
            label={t('breaches.motivation')}
            required
            autosize
            minRows={2}
            value={motivation}
            onChange={(e) => setMotivation(e.currentTarget.value)}
          />
          {ground === 'disproportionate' && (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <DateField label={t('breaches.publishedOn')} required value={publishedOn} onChange={(v) => setPublishedOn(v)} />
              <TextInput label={t('breaches.where')} required value={where} onChange={(e) => setWhere(e.currentTarget.value)} />
              <Textarea
                label={t('breaches.publicText')}
                required
                autosize
                minRows={1}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
            </SimpleGrid>
          )}
          <ErrorAlert error={exempt.error} />
          <Group>
            <Button type="submit" loading={exempt.busy}>
              {t('breaches.exempt')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
