import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { DateField } from '../../components/date-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Agreement, Invoice } from '../customers/types.ts';
import { type ContactChoice, ContactSelect } from '../organisations/contact-select.tsx';

interface Line {
  key: number;
  description: string;
  quantity: number | string;
  unitPrice: number | string;
  vatRate: string;
}

let nextKey = 1;
const newLine = (): Line => ({ key: nextKey++, description: '', quantity: 1, unitPrice: '', vatRate: '21' });

const linesOf = (draft: Invoice): Line[] =>
  draft.lines.map((l) => ({
    key: nextKey++,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPriceCents / 100,
    vatRate: String(l.vatRate),
  }));

/**
 * Drafts an invoice with its lines, or edits a draft (`draft`): the same form, filled in. The server computes
 * amounts and VAT from the lines; the billing name and address come from the customer, and gender is never
 * copied (data minimisation, Art. 5(1)(c)). An issued invoice cannot be edited (art. 35a Wet OB).
 */
function InvoiceForm({
  subjectId,
  organisationId,
  agreements,
  contacts,
  draft,
  onDone,
  onCancel,
}: {
  subjectId: string | null;
  organisationId?: string | null;
  agreements: Agreement[];
  /** An organisation's contact persons: a new invoice or a draft may be addressed to one of them. */
  contacts?: ContactChoice[] | undefined;
  draft?: Invoice;
  onDone: (i: Invoice) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  // Amounts as people of the language write them: 1.234,56 in Dutch, 1,234.56 in English.
  const separators =
    language === 'nl' ? { decimalSeparator: ',', thousandSeparator: '.' } : { decimalSeparator: '.', thousandSeparator: ',' };
  const [lines, setLines] = useState<Line[]>(() => (draft === undefined ? [newLine()] : linesOf(draft)));
  const [agreementId, setAgreementId] = useState<string | null>(draft?.agreementId ?? null);
  const [reference, setReference] = useState(draft?.reference ?? '');
  const [completedOn, setCompletedOn] = useState(draft?.completedOn ?? '');
  const [contactId, setContactId] = useState<string | null>(draft?.contactId ?? null);
  const change = (key: number, changes: Partial<Line>) =>
    setLines((old) => old.map((l) => (l.key === key ? { ...l, ...changes } : l)));
  const lineInput = () =>
    lines.map((l) => ({
      description: l.description,
      quantity: Number(l.quantity),
      unitPriceCents: Math.round(Number(l.unitPrice) * 100),
      vatRate: Number(l.vatRate),
    }));
  const save = useAction(
    () =>
      draft === undefined
        ? post<Invoice>(
            organisationId === undefined || organisationId === null
              ? `/api/subjects/${subjectId ?? ''}/invoices`
              : `/api/organisations/${organisationId}/invoices`,
            {
              ...(agreementId === null ? {} : { agreementId }),
              ...(reference.trim() === '' ? {} : { reference: reference.trim() }),
              ...(completedOn === '' ? {} : { completedOn }),
              ...(contactId === null ? {} : { contactId }),
              lines: lineInput(),
            },
          )
        : // Cleared fields are sent as null, so that the draft loses them.
          patch<Invoice>(`/api/invoices/${draft.id}`, {
            agreementId,
            reference: reference.trim() === '' ? null : reference.trim(),
            completedOn: completedOn === '' ? null : completedOn,
            // Sent only when changed: the person named stays named, also one the form does not offer (a restriction).
            ...(contacts !== undefined && contactId !== draft.contactId ? { contactId } : {}),
            lines: lineInput(),
          }),
    onDone,
  );
  const problem = fieldProblems(save.error, t, language);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={save.error} atFields={['agreementId', 'reference', 'completedOn', 'contactId', 'lines.']} />
        {contacts !== undefined && (
          <ContactSelect
            contacts={contacts}
            value={contactId}
            onChange={setContactId}
            error={problem.contactId}
            description={t('organisations.invoiceContactHint')}
          />
        )}
        <Group grow>
          <Select
            label={t('records.forAgreement')}
            clearable
            value={agreementId}
            error={problem.agreementId}
            onChange={setAgreementId}
            data={agreements.map((a) => ({ value: a.id, label: a.title }))}
          />
          <TextInput
            label={t('records.referenceOptional')}
            value={reference}
            error={problem.reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          <DateField label={t('records.completedOn')} value={completedOn} error={problem.completedOn} onChange={setCompletedOn} />
        </Group>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.description')}</Table.Th>
                <Table.Th w={100}>{t('records.quantity')}</Table.Th>
                <Table.Th w={130}>{t('records.unitPrice')}</Table.Th>
                <Table.Th w={100}>{t('records.vat')}</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>{t('records.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l, index) => (
                <Table.Tr key={l.key}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('records.lineDescription', { n: index + 1 })}
                      required
                      value={l.description}
                      error={problem[`lines.${index}.description`]}
                      onChange={(e) => change(l.key, { description: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('records.lineQuantity', { n: index + 1 })}
                      min={0}
                      decimalScale={3}
                      {...separators}
                      value={l.quantity}
                      error={problem[`lines.${index}.quantity`]}
                      onChange={(v) => change(l.key, { quantity: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('records.linePrice', { n: index + 1 })}
                      decimalScale={2}
                      fixedDecimalScale
                      {...separators}
                      prefix="€ "
                      value={l.unitPrice}
                      error={problem[`lines.${index}.unitPriceCents`]}
                      onChange={(v) => change(l.key, { unitPrice: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('records.lineVat', { n: index + 1 })}
                      value={l.vatRate}
                      allowDeselect={false}
                      onChange={(v) => change(l.key, { vatRate: v ?? '21' })}
                      data={['21', '9', '0'].map((r) => ({ value: r, label: `${r} %` }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={lines.length === 1}
                      onClick={() => setLines((old) => old.filter((x) => x.key !== l.key))}
                      aria-label={t('records.removeLine', { n: index + 1 })}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="light" onClick={() => setLines((old) => [...old, newLine()])}>
            {t('records.addLine')}
          </Button>
          <Group>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.busy}>
              {t('records.saveDraft')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Opens the draft form; a saved draft opens on its own page, to be checked and issued. */
export function NewInvoiceButton({
  subjectId,
  organisationId,
  agreements,
  contacts,
  onSaved,
}: {
  subjectId: string | null;
  organisationId?: string;
  agreements: Agreement[];
  contacts?: ContactChoice[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={open}>{t('records.newInvoice')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('records.newInvoice')}
        size="xl"
      >
        <InvoiceForm
          subjectId={subjectId}
          organisationId={organisationId}
          agreements={agreements}
          contacts={contacts}
          onCancel={close}
          onDone={(invoice) => {
            onSaved();
            void navigate(`/invoices/${invoice.id}`);
          }}
        />
      </Modal>
    </>
  );
}

/** Opens a draft in the same form; the saved draft is shown again, to be checked and issued. */
export function EditInvoiceButton({ draft, onSaved }: { draft: Invoice; onSaved: () => void }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  // An organisation's draft takes the agreements from the organisation page's answer, which has the same field,
  // and the contact persons it may be addressed to.
  const owner =
    draft.subjectId === null ? `/api/organisations/${draft.organisationId ?? ''}` : `/api/subjects/${draft.subjectId}/agreements`;
  const agreements = useApi<{ agreements: Agreement[]; contacts?: ContactChoice[] }>(opened ? owner : null);
  return (
    <>
      <Button variant="light" onClick={open}>
        {t('records.editDraft')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('records.editDraft')}
        size="xl"
      >
        {agreements.data !== undefined && (
          <InvoiceForm
            subjectId={draft.subjectId}
            agreements={agreements.data.agreements}
            contacts={agreements.data.contacts}
            draft={draft}
            onCancel={close}
            onDone={() => {
              close();
              onSaved();
            }}
          />
        )}
      </Modal>
    </>
  );
}
