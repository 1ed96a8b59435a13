import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import type { CaseSummary, InboxItem } from './types.ts';

const KINDS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'withdraw_consent',
  'question',
  'complaint',
] as const;
const needsPurpose = (kind: string | null) => kind === 'objection' || kind === 'withdraw_consent';

/** Files the mail on an open case of a customer, found by name, e-mail, phone or reference. */
export function AssignForm({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [customer, setCustomer] = useState<PickedSubject | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const cases = useApi<{ cases: CaseSummary[] }>(customer === null ? null : `/api/subjects/${customer.id}/cases`);
  const assign = useAction(
    useCallback(() => post<{ caseId: string | null }>(`/api/mail/inbox/${item.id}/assign`, { caseId }), [item.id, caseId]),
    useCallback(
      (filed: { caseId: string | null }) => void navigate(filed.caseId === null ? '/inbox' : `/cases/${filed.caseId}`),
      [navigate],
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void assign.run();
  };
  return (
    <Section title={t('inbox.assign.title')} intro={t('inbox.assign.intro')}>
      <SubjectPicker
        label={t('inbox.assign.customer')}
        picked={customer}
        onPick={(s) => {
          setCustomer(s);
          setCaseId(null);
        }}
      />
      {customer !== null && (
        <Loaded data={cases.data} error={cases.error}>
          {({ cases: all }) => {
            const open = all.filter((c) => c.status !== 'closed');
            return open.length === 0 ? (
              <Text>{t('inbox.assign.noCases')}</Text>
            ) : (
              <form onSubmit={submit}>
                <Stack gap="sm">
                  <Select
                    label={t('inbox.assign.case')}
                    value={caseId}
                    onChange={setCaseId}
                    required
                    data={open.map((c) => ({ value: c.id, label: `${c.reference} · ${c.title}` }))}
                  />
                  <ErrorAlert error={assign.error} />
                  <Group>
                    <Button type="submit" loading={assign.busy} disabled={caseId === null}>
                      {t('inbox.assign.submit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            );
          }}
        </Loaded>
      )}
    </Section>
  );
}

/** Registers the mail as a request, received when the mail arrived (Art. 12(3)). */
export function RegisterForm({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  // The policy's purposes, by their names in the page's language: another company's policy has others.
  const { purposes } = useLabels();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string | null>('question');
  const [purpose, setPurpose] = useState<string | null>(null);
  const register = useAction(
    useCallback(
      () =>
        post<{ id: string }>(`/api/mail/inbox/${item.id}/register`, {
          kind,
          ...(needsPurpose(kind) && purpose !== null ? { purpose } : {}),
        }),
      [item.id, kind, purpose],
    ),
    useCallback((request: { id: string }) => void navigate(`/requests/${request.id}`), [navigate]),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void register.run();
  };
  return (
    <Section title={t('inbox.register.title')} intro={t('inbox.register.intro')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('inbox.register.kind')}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))}
          />
          {needsPurpose(kind) && (
            <Select label={t('inbox.register.purpose')} value={purpose} onChange={setPurpose} required data={purposes} />
          )}
          <ErrorAlert error={register.error} />
          <Group>
            <Button type="submit" loading={register.busy}>
              {t('inbox.register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** Erases the mail (the dpo's: discarding is an erasure). */
export function DiscardForm({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const discard = useAction(
    useCallback(() => post(`/api/mail/inbox/${item.id}/discard`), [item.id]),
    useCallback(() => void navigate('/inbox'), [navigate]),
  );
  return (
    <Section title={t('inbox.discard.title')} intro={t('inbox.discard.intro')}>
      <ErrorAlert error={discard.error} />
      <Group>
        <Button color="red.9" loading={discard.busy} onClick={() => void discard.run()}>
          {t('inbox.discard.submit')}
        </Button>
      </Group>
    </Section>
  );
}
