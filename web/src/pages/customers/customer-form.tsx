import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Address, Subject } from './types.ts';

interface Fields {
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: string;
  source: string;
  sourceOrganisation: string;
  postal: Omit<Address, 'kind'>;
  billing: Omit<Address, 'kind'>;
}

/** Where a customer's data came from; the access report tells the person (Art. 15(1)(g)). */
const SOURCES = ['person', 'employer', 'staff', 'import'] as const;
const EMPTY_ADDRESS = { street: '', postalCode: '', city: '', country: 'NL' };
const addressOf = (s: Subject | undefined, kind: Address['kind']) => {
  const a = s?.addresses.find((x) => x.kind === kind);
  return a === undefined ? EMPTY_ADDRESS : { street: a.street, postalCode: a.postalCode, city: a.city, country: a.country };
};
const filled = (a: Omit<Address, 'kind'>) => a.street.trim() !== '' || a.postalCode.trim() !== '' || a.city.trim() !== '';

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
    postal: addressOf(subject, 'postal'),
    billing: addressOf(subject, 'billing'),
  });
  const set = (changes: Partial<Fields>) => setF((old) => ({ ...old, ...changes }));
  const save = useAction(async () => {
    const addresses: Address[] = [
      ...(filled(f.postal) ? [{ kind: 'postal' as const, ...f.postal }] : []),
      ...(filled(f.billing) ? [{ kind: 'billing' as const, ...f.billing }] : []),
      ...(subject?.addresses.filter((a) => a.kind === 'delivery') ?? []),
    ];
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
  // What the API refused, at the field it concerns; an address is `addresses.N.…` in the order they were sent.
  const problem = fieldProblems(save.error, t, language);
  const at = (kind: 'postal' | 'billing', field: string) =>
    problem[`addresses.${kind === 'billing' && filled(f.postal) ? 1 : 0}.${field}`];
  const address = (kind: 'postal' | 'billing') => (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t(`customers.address.${kind}`)}
      </Title>
      <TextInput
        label={t('customers.street')}
        error={at(kind, 'street')}
        value={f[kind].street}
        onChange={(e) => set({ [kind]: { ...f[kind], street: e.currentTarget.value } })}
      />
      <SimpleGrid cols={3}>
        <TextInput
          label={t('customers.postalCode')}
          error={at(kind, 'postalCode')}
          value={f[kind].postalCode}
          onChange={(e) => set({ [kind]: { ...f[kind], postalCode: e.currentTarget.value } })}
        />
        <TextInput
          label={t('customers.city')}
          error={at(kind, 'city')}
          value={f[kind].city}
          onChange={(e) => set({ [kind]: { ...f[kind], city: e.currentTarget.value } })}
        />
        <TextInput
          label={t('customers.country')}
          error={at(kind, 'country')}
          value={f[kind].country}
          maxLength={2}
          onChange={(e) => set({ [kind]: { ...f[kind], country: e.currentTarget.value.toUpperCase() } })}
        />
      </SimpleGrid>
    </Stack>
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

/** Registers a new customer and opens their page. */
export function NewCustomerButton() {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={open}>{t('customers.new')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('customers.new')}
        size="lg"
      >
        <CustomerForm onCancel={close} onDone={(s) => void navigate(`/customers/${s.id}`)} />
      </Modal>
    </>
  );
}

/** Corrects or completes a customer's details (Art. 16). */
export function EditCustomerButton({ subject, onSaved }: { subject: Subject; onSaved: () => void }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="light" onClick={open}>
        {t('customers.edit')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('customers.edit')}
        size="lg"
      >
        <CustomerForm
          subject={subject}
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
