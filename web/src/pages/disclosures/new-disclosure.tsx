import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePurposeLabel } from '../customers/purpose.ts';

interface Company {
  id: string;
  legalName: string;
  kvkNumber: string | null;
  active: boolean;
}
interface Recipient {
  id: string;
  name: { nl: string; en: string };
  purposes: string[];
  categories: string[];
  active: boolean;
  companies: Company[];
}

/** How the data goes out: Kluis makes the file (JSON or CSV), or staff record a hand-over made another way. */
export function delivery(mode: string, description: string) {
  return mode === 'recorded' ? { mode: 'recorded', description: description.trim() } : { mode: 'export', format: mode };
}

export function DeliveryFields({
  mode,
  setMode,
  description,
  setDescription,
}: {
  mode: string;
  setMode: (m: string) => void;
  description: string;
  setDescription: (d: string) => void;
}) {
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
      {mode === 'recorded' && (
        <Textarea
          label={t('disclosures.description')}
          required
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
      )}
    </>
  );
}

/**
 * A disclosure to a recipient of the register (P7-P9): the company of the category where the register names its
 * companies (the person is told which company), the purpose where the recipient serves several. The storage
 * provider is not offered: it keeps all data already, nothing is handed to it per person.
 */
export function NewDisclosure({ subjectId, onDone }: { subjectId: string; onDone: () => void }) {
  const { t, language } = useI18n();
  const purposeLabel = usePurposeLabel();
  const register = useApi<{ recipients: Recipient[] }>('/api/registers/recipients');
  const storage = useApi<{ storage: { processor: string | null }[] }>('/api/registers/storage');
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [categories, setCategories] = useState<string[]>([]);
  const [mode, setMode] = useState('json');
  const [description, setDescription] = useState('');
  const [made, setMade] = useState(false);
  const disclose = useAction(
    useCallback(
      () =>
        post(`/api/subjects/${subjectId}/disclosures`, {
          recipientId,
          ...(companyId === null ? {} : { companyId }),
          ...(purpose === null ? {} : { purpose }),
          categories,
          ...delivery(mode, description),
        }),
      [subjectId, recipientId, companyId, purpose, categories, mode, description],
    ),
    useCallback(() => {
      setMade(true);
      setCategories([]);
      setDescription('');
      onDone();
    }, [onDone]),
  );
  const keepers = new Set((storage.data?.storage ?? []).flatMap((s) => (s.processor === null ? [] : [s.processor])));
  const recipients = register.data?.recipients.filter((r) => r.active && !keepers.has(r.id)) ?? [];
  const chosen = recipients.find((r) => r.id === recipientId);
  const companies = chosen?.companies.filter((c) => c.active) ?? [];
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
                setCompanyId(null);
                setPurpose(null);
                setCategories([]);
              }}
              data={recipients.map((r) => ({ value: r.id, label: r.name[language] }))}
            />
            {companies.length > 0 && (
              <Select
                label={t('disclosures.company')}
                description={t('disclosures.companyHint')}
                required
                value={companyId}
                onChange={setCompanyId}
                data={companies.map((c) => ({
                  value: c.id,
                  label: c.kvkNumber === null ? c.legalName : `${c.legalName} (${t('disclosures.kvk', { kvk: c.kvkNumber })})`,
                }))}
              />
            )}
            {chosen !== undefined && chosen.purposes.length > 1 && (
              <Select
                label={t('disclosures.purpose')}
                required
                value={purpose}
                onChange={setPurpose}
                data={chosen.purposes.map((p) => ({ value: p, label: purposeLabel(p, p) }))}
              />
            )}
            <MultiSelect
              label={t('disclosures.categories')}
              required
              value={categories}
              onChange={setCategories}
              data={chosen?.categories ?? []}
              disabled={chosen === undefined}
            />
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
