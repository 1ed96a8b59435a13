import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErasedList, KeptTable } from './erasure-records.tsx';
import type { ErasurePreview } from './erasure-types.ts';
import { DECISIONS, type RequestOutcome, type RightsRequest, type SentLetter } from './types.ts';

/**
 * The dpo's decision (Art. 12(3)-(5)); granting carries the right out and sends the answer. No outcome is chosen
 * beforehand: the dpo picks one. An erasure shows first what it deletes and what the law keeps (a dry run of the
 * executor), and the decision is confirmed in a dialog before anything is erased (issue 19).
 */
export function DecideForm({ request, onDone }: { request: RightsRequest; onDone: (letter: SentLetter | null) => void }) {
  const { t, language } = useI18n();
  const [decision, setDecision] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [ground, setGround] = useState('');
  const [motivation, setMotivation] = useState('');
  const [evidence, setEvidence] = useState('');
  const [confirming, { open, close }] = useDisclosure(false);
  const erasure = request.kind === 'erasure';
  const preview = useApi<ErasurePreview>(erasure ? `/api/requests/${request.id}/erasure-preview` : null);
  const refuses = decision !== null && decision !== 'granted';
  const needsEvidence = decision === 'manifestly_unfounded' || decision === 'excessive';
  const decide = useAction(
    useCallback(() => {
      const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
      return post<RequestOutcome>(`/api/requests/${request.id}/decision`, {
        decision,
        ...(refuses ? { ground: optional(ground), motivation: optional(motivation) } : {}),
        ...(needsEvidence ? { evidence: optional(evidence) } : {}),
      });
    }, [request.id, decision, refuses, needsEvidence, ground, motivation, evidence]),
    useCallback((o: RequestOutcome) => onDone(o.letter), [onDone]),
  );
  const problem = fieldProblems(decide.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision === null) {
      setMissing(true);
      return;
    }
    if (erasure) open();
    else void decide.run();
  };
  const grants = decision === 'granted' || decision === 'partly_granted';
  return (
    <Section title={t('requests.decide.title')} intro={t('requests.decide.intro')}>
      {erasure && <ErasurePreviewPanel preview={preview} />}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('requests.decide.decision')}
            placeholder={t('requests.decide.choose')}
            required
            value={decision}
            onChange={(d) => {
              setDecision(d);
              setMissing(false);
            }}
            error={missing ? t('requests.decide.choose') : problem.decision}
            data={DECISIONS.map((d) => ({ value: d, label: t(`requests.decision.${d}`) }))}
          />
          {refuses && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('requests.decide.ground')}
                required
                value={ground}
                error={problem.ground}
                onChange={(e) => setGround(e.currentTarget.value)}
              />
              <Textarea
                label={t('requests.decide.motivation')}
                required
                autosize
                minRows={2}
                value={motivation}
                error={problem.motivation}
                onChange={(e) => setMotivation(e.currentTarget.value)}
              />
            </SimpleGrid>
          )}
          {needsEvidence && (
            <Textarea
              label={t('requests.decide.evidence')}
              required
              autosize
              minRows={2}
              value={evidence}
              error={problem.evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
            />
          )}
          <ErrorAlert error={decide.error} atFields={['decision', 'ground', 'motivation', 'evidence']} />
          <Group>
            <Button type="submit" loading={decide.busy}>
              {t('requests.decide.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal
        opened={confirming}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('erasure.confirm.title')}
        size="lg"
      >
        <Stack>
          <Text>
            {grants
              ? t('erasure.confirm.grant', {
                  erased: preview.data?.erased.length ?? 0,
                  kept: preview.data?.kept.length ?? 0,
                  name: preview.data?.subject?.name ?? request.requesterName,
                })
              : t('erasure.confirm.refuse')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color={grants ? 'red.9' : undefined} loading={decide.busy} onClick={() => void decide.run().finally(close)}>
              {t('erasure.confirm.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

/** What the erasure would delete and keep today, each record named, kept ones with their ground and date. */
function ErasurePreviewPanel({ preview }: { preview: ReturnType<typeof useApi<ErasurePreview>> }) {
  const { t } = useI18n();
  return (
    <Stack gap="sm" aria-label={t('erasure.preview.title')} component="section">
      <Title order={4} size="h5">
        {t('erasure.preview.title')}
      </Title>
      <Loaded data={preview.data} error={preview.error}>
        {(p) =>
          p.subject === null ? (
            <Text size="sm">{t('erasure.preview.noCustomer')}</Text>
          ) : (
            <Stack gap="sm">
              <Text size="sm">{t('erasure.preview.intro')}</Text>
              <Text fw={600} size="sm">
                {t('erasure.erased')}
              </Text>
              <ErasedList records={p.erased} />
              <Alert color={p.contactDetails === 'deleted' ? 'red' : 'gray'} variant="light">
                {t(`erasure.contact.${p.contactDetails}`)}
              </Alert>
              <Text fw={600} size="sm">
                {t('erasure.kept')}
              </Text>
              <KeptTable records={p.kept} subjectId={p.subject.id} />
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}
