import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Case } from '../customers/types.ts';

/** Questions, complaints and requests with their correspondence (P5). */
export function CasesSection({ subjectId, cases }: { subjectId: string; cases: Case[] }) {
  const { t, date } = useI18n();
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="gray.7">{t('records.casesIntro')}</Text>
        <NewCaseButton subjectId={subjectId} />
      </Group>
      {cases.length === 0 ? (
        <Text>{t('records.noCases')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.reference')}</Table.Th>
                <Table.Th>{t('records.kind')}</Table.Th>
                <Table.Th>{t('records.title')}</Table.Th>
                <Table.Th>{t('records.status')}</Table.Th>
                <Table.Th>{t('records.openedAt')}</Table.Th>
                <Table.Th>{t('records.messages')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`}>
                      {c.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`records.caseKind.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>
                    <CaseStatus status={c.status} />
                  </Table.Td>
                  <Table.Td>{date(c.openedAt)}</Table.Td>
                  <Table.Td>{c.messages.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function CaseStatus({ status }: { status: Case['status'] }) {
  const { t } = useI18n();
  return (
    <Badge color={status === 'open' ? 'blue' : 'gray'} variant="light">
      {t(`records.caseStatus.${status}`)}
    </Badge>
  );
}

/** Opens a case, with the message that started it when there is one, and goes to its page. */
function NewCaseButton({ subjectId }: { subjectId: string }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const [kind, setKind] = useState('question');
  const [title, setTitle] = useState('');
  const [channel, setChannel] = useState('email');
  const [body, setBody] = useState('');
  const save = useAction(
    () =>
      post<Case>(`/api/subjects/${subjectId}/cases`, {
        kind,
        title,
        ...(body.trim() === '' ? {} : { message: { channel, direction: 'inbound', occurredAt: new Date().toISOString(), body } }),
      }),
    (c) => void navigate(`/cases/${c.id}`),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <>
      <Button onClick={open}>{t('records.newCase')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('records.newCase')}
        size="lg"
      >
        <form onSubmit={submit}>
          <Stack>
            <ErrorAlert error={save.error} />
            <Select
              label={t('records.kind')}
              value={kind}
              allowDeselect={false}
              onChange={(v) => setKind(v ?? 'question')}
              data={['question', 'complaint', 'request'].map((k) => ({ value: k, label: t(`records.caseKind.${k}`) }))}
            />
            <TextInput label={t('records.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <Select
              label={t('records.channel')}
              value={channel}
              allowDeselect={false}
              onChange={(v) => setChannel(v ?? 'email')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`records.channel.${c}`) }))}
            />
            <Textarea
              label={t('records.firstMessage')}
              autosize
              minRows={4}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.busy}>
                {t('records.openCase')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export const CHANNELS = ['email', 'letter', 'phone', 'portal', 'in_person'] as const;
