import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Recipient } from './register-types.ts';
import { DateField } from '../../components/date-field.tsx';

/** The route of an agreement with a recipient (`id`) or with one of its companies (`id/companyId`). */
function agreementPath(value: string): string {
  const [id, companyId] = value.split('/');
  return companyId === undefined ? `/api/registers/recipients/${id ?? ''}/agreements` : `/api/registers/recipients/${id ?? ''}/companies/${companyId}/agreements`;
}

/**
 * Records a processor agreement (Art. 28(3)) with a processor: a company of a category that names its companies
 * (Microsoft Ireland Operations Limited, the storage provider's), or a processor category that names none.
 */
export function AgreementForm({ recipients, onDone }: { recipients: Recipient[]; onDone: () => void }) {
  const { t, language } = useI18n();
  const [processor, setProcessor] = useState<string | null>(null);
  const [signedOn, setSignedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [reference, setReference] = useState('');
  const [saved, setSaved] = useState(false);
  const options = recipients.flatMap((r) =>
    r.companies.length === 0
      ? r.role === 'processor'
        ? [{ value: r.id, label: r.name[language] }]
        : []
      : r.companies.filter((c) => c.role === 'processor').map((c) => ({ value: `${r.id}/${c.id}`, label: `${c.legalName} (${r.name[language]})` })),
  );
  const record = useAction(
    useCallback(() => post(agreementPath(processor ?? '-'), { signedOn, ...(expiresOn === '' ? {} : { expiresOn }), documentReference: reference.trim() }), [processor, signedOn, expiresOn, reference]),
    useCallback(() => {
      setSaved(true);
      setReference('');
      onDone();
    }, [onDone]),
  );
  const problem = fieldProblems(record.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void record.run();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text fw={600}>{t('policy.addAgreement')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('policy.processor')} required value={processor} onChange={setProcessor} data={options} />
          <DateField label={t('policy.signedOn')} required value={signedOn} error={problem.signedOn} onChange={(v) => setSignedOn(v)} />
          <DateField label={t('policy.expiresOn')} value={expiresOn} error={problem.expiresOn} onChange={(v) => setExpiresOn(v)} />
          <TextInput label={t('policy.documentReference')} required value={reference} error={problem.documentReference} onChange={(e) => setReference(e.currentTarget.value)} />
        </SimpleGrid>
        <ErrorAlert error={record.error} atFields={['signedOn', 'expiresOn', 'documentReference']} />
        {saved && (
          <Alert color="green" role="status">
            {t('policy.agreementSaved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={record.busy}>
            {t('policy.saveAgreement')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
