import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Subject } from './types.ts';
import { AddressFields, type FormAddressKind, type Place, addressesToSend, placeOf } from '../../components/address-fields.tsx';
import { DialogButton, FormActions } from '../../components/dialog-form.tsx';

interface Fields {
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: string;
  source: string;
  sourceOrganisation: string;
  postal: Place;
  billing: Place;
}

/** Where a customer's data came from; the access report tells the person (Art. 15(1)(g)). */
const SOURCES = ['person', 'employer', 'staff', 'import'] as const;

/**
 * The customer's own details. Gender is not asked (data minimisation, Art. 5(1)(c)): only an invoice may
 * carry it. Addresses replace the whole list on the server, so kinds this form does not show are kept.
 */
function CustomerForm({ subject, onDone, onCancel }: { subject?: Subject; onDone: (s: Subject) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const [f, setF] = useState<Fields>({
    reference: '',
    firstName: subject?.firstName ?? '',
    lastName: subject?.lastName ?? '',
    email: subject?.email ?? '',
    phone: subject?.phone ?? '',
    language: subject?.language ?? 'nl',
    source: subject?.source ?? 'person',
    sourceOrganisation: subject?.sourceOrganisation ?? '',
    postal: placeOf(subject?.addresses, 'postal'),
    billing: placeOf(subject?.addresses, 'billing'),
  });
  const set = (changes: Partial<Fields>) => setF((old) => ({ ...old, ...changes }));
  const save = useAction(async () => {
    const addresses = addressesToSend(f.postal, f.billing, subject?.addresses);
    const email = f.email.trim() === '' ? null : f.email.trim();
    const phone = f.phone.trim() === '' ? null : f.phone.trim();
    // The employer's name only where the data came from an employer (Art. 14(2)(f)).
    const sourceOrganisation = f.source !== 'employer' || f.sourceOrganisation.trim() === '' ? null : f.sourceOrganisation.trim();
    const common = { firstName: f.firstName, lastName: f.lastName, language: f.language, addresses, source: f.source };
    if (subject !== undefined)
      return patch<Subject>(`/api/subjects/${subject.id}`, { ...common, email, phone, sourceOrganisation });
    return post<Subject>('/api/subjects', {
      ...common,
      ...(sourceOrganisation === null ? {} : { sourceOrganisation }),
      ...(email === null ? {} : { email }),
      ...(phone === null ? {} : { phone }),
      ...(f.reference.trim() === '' ? {} : { reference: f.reference.trim() }),
    });
  }, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  // What the API refused, at the field it concerns (addresses: AddressFields).
  const problem = fieldProblems(save.error, t, language);
  const address = (kind: FormAddressKind) => (
    <AddressFields kind={kind} place={f[kind]} postal={f.postal} problem={problem} onChange={(place) => set({ [kind]: place })} />
  );
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert
          error={save.error}
          atFields={['firstName', 'lastName', 'email', 'phone', 'sourceOrganisation', 'reference', 'addresses.']}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('customers.firstName')}
            error={problem.firstName}
            required
            value={f.firstName}
            onChange={(e) => set({ firstName: e.currentTarget.value })}
          />
          <TextInput
            label={t('customers.lastName')}
            error={problem.lastName}
            required
            value={f.lastName}
            onChange={(e) => set({ lastName: e.currentTarget.value })}
          />
          <TextInput
            label={t('customers.email')}
            error={problem.email}
            type="email"
            value={f.email}
            onChange={(e) => set({ email: e.currentTarget.value })}
          />
          <TextInput
            label={t('customers.phone')}
            error={problem.phone}
            type="tel"
            value={f.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
          />
          <Select
            label={t('customers.language')}
            value={f.language}
            allowDeselect={false}
            onChange={(v) => set({ language: v ?? 'nl' })}
            data={[
              { value: 'nl', label: 'Nederlands' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Select
            label={t('customers.source')}
            value={f.source}
            allowDeselect={false}
            onChange={(v) => set({ source: v ?? 'person' })}
            data={SOURCES.map((value) => ({ value, label: t(`customers.source.${value}`) }))}
          />
          {f.source === 'employer' && (
            <TextInput
              label={t('customers.sourceOrganisation')}
              error={problem.sourceOrganisation}
              value={f.sourceOrganisation}
              onChange={(e) => set({ sourceOrganisation: e.currentTarget.value })}
            />
          )}
          {subject === undefined && (
            <TextInput
              label={t('customers.referenceOptional')}
              error={problem.reference}
              value={f.reference}
              onChange={(e) => set({ reference: e.currentTarget.value })}
            />
          )}
        </SimpleGrid>
        {address('postal')}
        {address('billing')}
        <FormActions onCancel={onCancel} busy={save.busy} />
      </Stack>
    </form>
  );
}

/** Registers a new customer and opens their page. */
export function NewCustomerButton() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <DialogButton label={t('customers.new')}>
      {(close) => <CustomerForm onCancel={close} onDone={(s) => void navigate(`/customers/${s.id}`)} />}
    </DialogButton>
  );
}

/** Corrects or completes a customer's details (Art. 16). */
export function EditCustomerButton({ subject, onSaved }: { subject: Subject; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <DialogButton label={t('customers.edit')} variant="light">
      {(close) => (
        <CustomerForm
          subject={subject}
          onCancel={close}
          onDone={() => {
            close();
            onSaved();
          }}
        />
      )}
    </DialogButton>
  );
}
