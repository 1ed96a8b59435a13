import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Recipient } from './register-types.ts';

/** Adds a company to a recipient category: legal name, KvK number (required in the Netherlands), country, role (P9). */
export function CompanyForm({ recipients, onDone }: { recipients: Recipient[]; onDone: () => void }) {
  const { t, language } = useI18n();
  const [recipient, setRecipient] = useState<string | null>(null);
  const [id, setId] = useState('');
  const [legalName, setLegalName] = useState('');
  const [kvk, setKvk] = useState('');
  const [country, setCountry] = useState('NL');
  const [role, setRole] = useState<string | null>('processor');
  const [saved, setSaved] = useState(false);
  const add = useAction(
    useCallback(
      () =>
        post(`/api/registers/recipients/${recipient ?? ''}/companies`, {
          id: id.trim(),
          legalName: legalName.trim(),
          country: country.trim().toUpperCase(),
          role,
          ...(kvk.trim() === '' ? {} : { kvkNumber: kvk.trim() }),
        }),
      [recipient, id, legalName, kvk, country, role],
    ),
    useCallback(() => {
      setSaved(true);
      setId('');
      setLegalName('');
      setKvk('');
      onDone();
    }, [onDone]),
  );
  const problem = fieldProblems(add.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void add.run();
  };
  const categories = recipients.filter((r) => r.active && r.role !== 'authority');
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text fw={600}>{t('policy.addCompany')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Select label={t('policy.category')} required value={recipient} onChange={setRecipient} data={categories.map((r) => ({ value: r.id, label: r.name[language] }))} />
          <TextInput label={t('policy.legalName')} required value={legalName} error={problem.legalName} onChange={(e) => setLegalName(e.currentTarget.value)} />
          <TextInput label={t('policy.companyId')} description={t('policy.companyIdHint')} required value={id} error={problem.id} onChange={(e) => setId(e.currentTarget.value)} />
          <TextInput label={t('policy.kvk')} description={t('policy.kvkHint')} required={country.trim().toUpperCase() === 'NL'} inputMode="numeric" value={kvk} error={problem.kvkNumber} onChange={(e) => setKvk(e.currentTarget.value)} />
          <TextInput label={t('policy.countryCode')} required maxLength={2} value={country} error={problem.country} onChange={(e) => setCountry(e.currentTarget.value)} />
          <Select label={t('policy.role')} required allowDeselect={false} value={role} onChange={setRole} data={(['processor', 'controller'] as const).map((r) => ({ value: r, label: t(`policy.role.${r}`) }))} />
        </SimpleGrid>
        <ErrorAlert error={add.error} atFields={['legalName', 'id', 'kvkNumber', 'country']} />
        {saved && (
          <Alert color="green" role="status">
            {t('policy.companySaved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={add.busy}>
            {t('policy.saveCompany')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
