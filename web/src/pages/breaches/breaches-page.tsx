import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { post, query } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { CategorySelect } from '../../components/category-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClockBadge } from './clock-badge.tsx';
import { type Breach, isoOf, listOf } from './types.ts';
import { DateTimeField } from '../../components/date-field.tsx';

/** The breach register (Art. 33(5)), most recent first, each with its 72-hour clock; recording a new one. */
export function BreachesPage() {
  const { t, date } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useApi<{ breaches: Breach[] }>(`/api/breaches${query({ open: open ? 'true' : undefined })}`);
  if (list.error?.status === 403) {
    return (
      <Page title={t('breaches.title')}>
        <ErrorAlert error={list.error} />
      </Page>
    );
  }
  return (
    <Page title={t('breaches.title')}>
      <Checkbox label={t('breaches.openOnly')} checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
      <Loaded data={list.data} error={list.error}>
        {({ breaches }) =>
          breaches.length === 0 ? (
            <Text>{t('breaches.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('breaches.awareAt')}</Table.Th>
                    <Table.Th>{t('breaches.description')}</Table.Th>
                    <Table.Th>{t('breaches.risk')}</Table.Th>
                    <Table.Th>{t('breaches.deadline')}</Table.Th>
                    <Table.Th>{t('breaches.clock')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {breaches.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/breaches/${b.id}`}>
                          {date(b.becameAwareAt, true)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {b.description}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StateBadge color={b.risk === 'high' ? 'red' : b.risk === 'risk' ? 'orange' : 'gray'}>
                          {t(`breaches.risk.${b.risk}`)}
                        </StateBadge>
                      </Table.Td>
                      <Table.Td>{date(b.clock.deadline, true)}</Table.Td>
                      <Table.Td>
                        <ClockBadge clock={b.clock} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      <NewBreach />
    </Page>
  );
}

function NewBreach() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [awareAt, setAwareAt] = useState('');
  const [description, setDescription] = useState('');
  const [subjectCategories, setSubjectCategories] = useState('');
  const [dataCategories, setDataCategories] = useState<string[]>([]);
  const [approxSubjects, setApproxSubjects] = useState<number | string>(0);
  const [approxRecords, setApproxRecords] = useState<number | string>(0);
  const [consequences, setConsequences] = useState('');
  const [measures, setMeasures] = useState('');
  const [risk, setRisk] = useState<string | null>('risk');
  const record = useAction(
    useCallback(
      () =>
        post<Breach>('/api/breaches', {
          becameAwareAt: isoOf(awareAt),
          description: description.trim(),
          subjectCategories: listOf(subjectCategories),
          dataCategories,
          approxSubjects: Number(approxSubjects),
          approxRecords: Number(approxRecords),
          consequences: consequences.trim(),
          measures: measures.trim(),
          risk,
        }),
      [awareAt, description, subjectCategories, dataCategories, approxSubjects, approxRecords, consequences, measures, risk],
    ),
    useCallback((b: Breach) => void navigate(`/breaches/${b.id}`), [navigate]),
  );
  const problem = fieldProblems(record.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void record.run();
  };
  return (
    <Section title={t('breaches.register')} intro={t('breaches.registerIntro')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimeField
              label={t('breaches.awareAt')}
              required
              value={awareAt}
              error={problem.becameAwareAt}
              onChange={(v) => setAwareAt(v)}
            />
            <Select
              label={t('breaches.risk')}
              allowDeselect={false}
              value={risk}
              error={problem.risk}
              onChange={setRisk}
              data={(['none', 'risk', 'high'] as const).map((r) => ({ value: r, label: t(`breaches.risk.${r}`) }))}
            />
          </SimpleGrid>
          <Textarea
            label={t('breaches.description')}
            required
            autosize
            minRows={2}
            value={description}
            error={problem.description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('breaches.subjectCategories')}
              required
              value={subjectCategories}
              error={problem.subjectCategories ?? problem['subjectCategories.0']}
              onChange={(e) => setSubjectCategories(e.currentTarget.value)}
            />
            <CategorySelect
              label={t('breaches.dataCategories')}
              required
              value={dataCategories}
              error={problem.dataCategories ?? problem['dataCategories.0']}
              onChange={setDataCategories}
            />
            <NumberInput
              label={t('breaches.approxSubjects')}
              min={0}
              required
              value={approxSubjects}
              error={problem.approxSubjects}
              onChange={setApproxSubjects}
            />
            <NumberInput
              label={t('breaches.approxRecords')}
              min={0}
              required
              value={approxRecords}
              error={problem.approxRecords}
              onChange={setApproxRecords}
            />
          </SimpleGrid>
          <Textarea
            label={t('breaches.consequences')}
            required
            autosize
            minRows={2}
            value={consequences}
            error={problem.consequences}
            onChange={(e) => setConsequences(e.currentTarget.value)}
          />
          <Textarea
            label={t('breaches.measures')}
            required
            autosize
            minRows={2}
            value={measures}
            error={problem.measures}
            onChange={(e) => setMeasures(e.currentTarget.value)}
          />
          <ErrorAlert
            error={record.error}
            atFields={[
              'becameAwareAt',
              'risk',
              'description',
              'subjectCategories',
              'subjectCategories.',
              'dataCategories',
              'dataCategories.',
              'approxSubjects',
              'approxRecords',
              'consequences',
              'measures',
            ]}
          />
          <Group>
            <Button type="submit" loading={record.busy}>
              {t('breaches.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
