import { Alert, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { type RequestOutcome, type RightsRequest, type SentLetter, VERIFICATION_METHODS } from './types.ts';

/** Identity (Art. 12(6)): a code to the address on file, or how staff established it; never a copy of an ID. */
export function VerifyForms({ request, onDone }: { request: RightsRequest; onDone: () => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const [method, setMethod] = useState<string | null>('known_contact');
  const [note, setNote] = useState('');
  // The customer, found by name, e-mail, phone or reference; none picked: the one the request's address is on file for.
  const [picked, setPicked] = useState<PickedSubject | null>(null);
  const subjectId = picked?.id ?? request.subjectId ?? '';
  const sendCode = useAction(
    useCallback(
      () => post(`/api/requests/${request.id}/verification-code`, subjectId.trim() === '' ? {} : { subjectId: subjectId.trim() }),
      [request.id, subjectId],
    ),
    useCallback(() => {
      setSent(true);
      onDone();
    }, [onDone]),
  );
  const verify = useAction(
    useCallback(
      () =>
        post(`/api/requests/${request.id}/verify`, {
          method,
          note: note.trim(),
          ...(subjectId.trim() === '' ? {} : { subjectId: subjectId.trim() }),
        }),
      [request.id, method, note, subjectId],
    ),
    onDone,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void verify.run();
  };
  return (
    <Section title={t('requests.verify.title')} intro={t('requests.verify.intro')}>
      {request.subjectId === null && <SubjectPicker label={t('requests.verify.subjectId')} picked={picked} onPick={setPicked} />}
      <Group>
        <Button variant="light" loading={sendCode.busy} onClick={() => void sendCode.run()}>
          {t('requests.verify.sendCode')}
        </Button>
      </Group>
      {sent && (
        <Alert color="green" role="status">
          {t('requests.verify.codeSent')}
        </Alert>
      )}
      <ErrorAlert error={sendCode.error} />
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('requests.verify.method')}
            value={method}
            onChange={setMethod}
            allowDeselect={false}
            data={VERIFICATION_METHODS.map((m) => ({ value: m, label: t(`requests.verify.method.${m}`) }))}
          />
          <Textarea
            label={t('requests.verify.note')}
            required
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorAlert error={verify.error} />
          <Group>
            <Button type="submit" loading={verify.busy}>
              {t('requests.verify.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The answer: of a decided right (dpo), or of a question or complaint (staff too). */
export function AnswerForm({ request, onDone }: { request: RightsRequest; onDone: (letter: SentLetter | null) => void }) {
  const { t } = useI18n();
  const answer = useAction(
    useCallback((text: string) => post<RequestOutcome>(`/api/requests/${request.id}/answer`, { text }), [request.id]),
    useCallback((o: RequestOutcome) => onDone(o.letter), [onDone]),
  );
  return (
    <Section title={t('requests.answer.title')}>
      <TextAction
        label={t('requests.answer.text')}
        submit={t('requests.answer.submit')}
        minRows={4}
        busy={answer.busy}
        error={answer.error}
        onSubmit={answer.run}
      />
    </Section>
  );
}

/** Art. 12(3): one or two more months, with the reasons, told to the requester. */
export function ExtendForm({ request, onDone }: { request: RightsRequest; onDone: (letter: SentLetter | null) => void }) {
  const { t, date } = useI18n();
  const [months, setMonths] = useState('1');
  const extend = useAction(
    useCallback(
      (reason: string) => post<RequestOutcome>(`/api/requests/${request.id}/extend`, { months: Number(months), reason }),
      [request.id, months],
    ),
    useCallback((o: RequestOutcome) => onDone(o.letter), [onDone]),
  );
  return (
    <Section title={t('requests.extend.title')} intro={t('requests.extend.intro')}>
      <Text size="sm">{t('requests.extend.until', { date: date(request.extendableUntil) })}</Text>
      <div>
        <Text size="sm" fw={500} id={`extend-months-${request.id}`}>
          {t('requests.extend.months')}
        </Text>
        <SegmentedControl
          aria-labelledby={`extend-months-${request.id}`}
          value={months}
          onChange={setMonths}
          data={[
            { value: '1', label: t('requests.extend.one') },
            { value: '2', label: t('requests.extend.two') },
          ]}
        />
      </div>
      <TextAction
        label={t('requests.extend.reason')}
        submit={t('requests.extend.submit')}
        busy={extend.busy}
        error={extend.error}
        onSubmit={extend.run}
      />
    </Section>
  );
}

/** Closing without a decision: the requester withdrew, or the identity cannot be established (Art. 12(2)). */
export function CloseForms({
  request,
  unverified,
  onDone,
}: {
  request: RightsRequest;
  unverified: boolean;
  onDone: (letter: SentLetter | null) => void;
}) {
  const { t } = useI18n();
  const withdraw = useAction(
    useCallback((note: string) => post<RequestOutcome>(`/api/requests/${request.id}/withdraw`, { note }), [request.id]),
    useCallback((o: RequestOutcome) => onDone(o.letter), [onDone]),
  );
  const unverifiable = useAction(
    useCallback((note: string) => post<RequestOutcome>(`/api/requests/${request.id}/unverifiable`, { note }), [request.id]),
    useCallback((o: RequestOutcome) => onDone(o.letter), [onDone]),
  );
  return (
    <Section title={t('requests.close.title')}>
      <SimpleGrid cols={{ base: 1, md: unverified ? 2 : 1 }}>
        <TextAction
          label={t('requests.close.withdrawn')}
          submit={t('requests.close.withdraw')}
          busy={withdraw.busy}
          error={withdraw.error}
          onSubmit={withdraw.run}
          color="gray.7"
        />
        {unverified && (
          <TextAction
            label={t('requests.close.unverifiableNote')}
            submit={t('requests.close.unverifiable')}
            busy={unverifiable.busy}
            error={unverifiable.error}
            onSubmit={unverifiable.run}
          />
        )}
      </SimpleGrid>
    </Section>
  );
}

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

/** The kind of a request not yet verified: a mail's kind is guessed from its words (src/mailbox/mail-words.ts). */
export function KindForm({ request, onDone }: { request: RightsRequest; onDone: () => void }) {
  const { t } = useI18n();
  // The policy's purposes, by their names in the page's language: another company's policy has others.
  const { purposes } = useLabels();
  const [kind, setKind] = useState<string | null>(request.kind);
  const [purpose, setPurpose] = useState<string | null>(request.purpose);
  const perPurpose = kind === 'objection' || kind === 'withdraw_consent';
  const save = useAction(
    useCallback(
      () => post(`/api/requests/${request.id}/kind`, { kind, ...(perPurpose && purpose !== null ? { purpose } : {}) }),
      [request.id, kind, perPurpose, purpose],
    ),
    onDone,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <Section title={t('requests.reclassify.title')} intro={t('requests.reclassify.intro')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('requests.reclassify.kind')}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))}
          />
          {perPurpose && (
            <Select label={t('requests.reclassify.purpose')} value={purpose} onChange={setPurpose} required data={purposes} />
          )}
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" variant="light" loading={save.busy}>
              {t('requests.reclassify.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
