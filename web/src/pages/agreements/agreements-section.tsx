import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { patch, post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AGREEMENT_COLOR } from '../customers/format.ts';
import { AGREEMENT_STATUSES, type Agreement } from '../customers/types.ts';
import { DateField } from '../../components/date-field.tsx';
import { type ContactChoice, ContactSelect, contactNameOf } from '../organisations/contact-select.tsx';

/** Agreements and quotes (P3): their data is kept two years after the end date, so the end date matters. */
/** `createUrl`: where a new one is posted, a person's (`/api/subjects/:id/agreements`) or an organisation's. */
/** `contacts`: an organisation's contact persons, one of whom an agreement may name (chosen when made or changed). */
export function AgreementsSection({
  createUrl,
  agreements,
  reload,
  contacts,
}: {
  createUrl: string;
  agreements: Agreement[];
  reload: () => void;
  contacts?: ContactChoice[];
}) {
  const { t, date } = useI18n();
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="gray.7">{t('records.agreementsIntro')}</Text>
        <AgreementButton createUrl={createUrl} contacts={contacts} onSaved={reload} />
      </Group>
      {agreements.length === 0 ? (
        <Text>{t('records.noAgreements')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.kind')}</Table.Th>
                <Table.Th>{t('records.title')}</Table.Th>
                <Table.Th>{t('records.status')}</Table.Th>
                {contacts !== undefined && <Table.Th>{t('organisations.contactPerson')}</Table.Th>}
                <Table.Th>{t('records.startDate')}</Table.Th>
                <Table.Th>{t('records.endDate')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('records.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agreements.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(`records.kind.${a.kind}`)}</Table.Td>
                  <Table.Td>{a.title}</Table.Td>
                  <Table.Td>
                    <Badge color={AGREEMENT_COLOR[a.status]} variant="light">
                      {t(`records.agreementStatus.${a.status}`)}
                    </Badge>
                  </Table.Td>
                  {contacts !== undefined && <Table.Td>{contactNameOf(contacts, a.contactId)}</Table.Td>}
                  <Table.Td>{date(a.startDate)}</Table.Td>
                  <Table.Td>{date(a.endDate)}</Table.Td>
                  <Table.Td>
                    <AgreementButton createUrl={createUrl} agreement={a} contacts={contacts} onSaved={reload} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Records a new agreement or quote, or changes the title, status, dates or (an organisation's) contact person of one. */
function AgreementButton({
  createUrl,
  agreement,
  contacts,
  onSaved,
}: {
  createUrl: string;
  agreement?: Agreement;
  contacts?: ContactChoice[] | undefined;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const title = agreement === undefined ? t('records.newAgreement') : t('records.editAgreementOf', { title: agreement.title });
  return (
    <>
      {agreement === undefined ? (
        <Button onClick={open}>{t('records.newAgreement')}</Button>
      ) : (
        <Button size="xs" variant="light" onClick={open} aria-label={title}>
          {t('records.edit')}
        </Button>
      )}
      <Modal opened={opened} onClose={close} closeButtonProps={{ 'aria-label': t('records.close') }} title={title}>
        <AgreementForm
          createUrl={createUrl}
          agreement={agreement}
          contacts={contacts}
          onCancel={close}
          onDone={() => {
            close();
            onSaved();
          }}
        />
      </Modal>
    </>
  );
}

function AgreementForm({
  createUrl,
  agreement,
  contacts,
  onDone,
  onCancel,
}: {
  createUrl: string;
  agreement?: Agreement;
  contacts?: ContactChoice[] | undefined;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<string>(agreement?.kind ?? 'quote');
  const [title, setTitle] = useState(agreement?.title ?? '');
  const [status, setStatus] = useState<string>(agreement?.status ?? 'draft');
  const [startDate, setStartDate] = useState(agreement?.startDate ?? '');
  const [endDate, setEndDate] = useState(agreement?.endDate ?? '');
  const [contactId, setContactId] = useState<string | null>(agreement?.contactId ?? null);
  const save = useAction(async () => {
    if (agreement !== undefined) {
      return patch<Agreement>(`/api/agreements/${agreement.id}`, {
        title,
        status,
        startDate: startDate === '' ? null : startDate,
        endDate: endDate === '' ? null : endDate,
        // Sent only when changed: the person named stays named, also one this page does not show (a restriction).
        ...(contacts !== undefined && contactId !== agreement.contactId ? { contactId } : {}),
      });
    }
    return post<Agreement>(createUrl, {
      kind,
      title,
      status,
      ...(startDate === '' ? {} : { startDate }),
      ...(endDate === '' ? {} : { endDate }),
      ...(contactId === null ? {} : { contactId }),
    });
  }, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const problem = fieldProblems(save.error, t, language);
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={save.error} atFields={['title', 'startDate', 'endDate', 'status', 'contactId']} />
        {agreement === undefined && (
          <Select
            label={t('records.kind')}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(v ?? 'quote')}
            data={[
              { value: 'quote', label: t('records.kind.quote') },
              { value: 'agreement', label: t('records.kind.agreement') },
            ]}
          />
        )}
        <TextInput
          label={t('records.title')}
          required
          error={problem.title}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Select
          label={t('records.status')}
          error={problem.status}
          value={status}
          allowDeselect={false}
          onChange={(v) => setStatus(v ?? 'draft')}
          data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`records.agreementStatus.${s}`) }))}
        />
        {contacts !== undefined && (
          <ContactSelect contacts={contacts} value={contactId} onChange={setContactId} error={problem.contactId} />
        )}
        <DateField label={t('records.startDate')} error={problem.startDate} value={startDate} onChange={(v) => setStartDate(v)} />
        <DateField
          label={t('records.endDate')}
          description={t('records.endDateHelp')}
          error={problem.endDate}
          value={endDate}
          onChange={(v) => setEndDate(v)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
