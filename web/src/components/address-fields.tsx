import { SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n.tsx';
import type { Address } from '../pages/customers/types.ts';

/** An address without its kind, as a form edits it. */
export type Place = Omit<Address, 'kind'>;
/** The two addresses a customer's or an organisation's form shows; a delivery address is kept as it is. */
export type FormAddressKind = 'postal' | 'billing';

const EMPTY_PLACE: Place = { street: '', postalCode: '', city: '', country: 'NL' };

/** The address of a kind among those stored, or an empty one to fill in. */
export function placeOf(addresses: Address[] | undefined, kind: FormAddressKind): Place {
  const a = addresses?.find((x) => x.kind === kind);
  return a === undefined ? EMPTY_PLACE : { street: a.street, postalCode: a.postalCode, city: a.city, country: a.country };
}

const filled = (a: Place) => a.street.trim() !== '' || a.postalCode.trim() !== '' || a.city.trim() !== '';

/**
 * The addresses to send: the postal and billing ones that were filled in, and the kinds the form does not show as
 * they were (the server replaces the whole list).
 */
export const addressesToSend = (postal: Place, billing: Place, stored: Address[] | undefined): Address[] => [
  ...(filled(postal) ? [{ kind: 'postal' as const, ...postal }] : []),
  ...(filled(billing) ? [{ kind: 'billing' as const, ...billing }] : []),
  ...(stored?.filter((a) => a.kind === 'delivery') ?? []),
];

/**
 * One address's fields, with what the API refused at the field. The API names an address `addresses.N.…` in the
 * order `addressesToSend` sent them: the billing address is the second only when a postal one went first.
 */
export function AddressFields({
  kind,
  place,
  postal,
  problem,
  onChange,
}: {
  kind: FormAddressKind;
  place: Place;
  /** The postal address as filled in, which decides where the billing address stands in the list sent. */
  postal: Place;
  problem: Record<string, string | undefined>;
  onChange: (place: Place) => void;
}) {
  const { t } = useI18n();
  const at = (field: string) => problem[`addresses.${kind === 'billing' && filled(postal) ? 1 : 0}.${field}`];
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t(`customers.address.${kind}`)}
      </Title>
      <TextInput
        label={t('customers.street')}
        error={at('street')}
        value={place.street}
        onChange={(e) => onChange({ ...place, street: e.currentTarget.value })}
      />
      <SimpleGrid cols={3}>
        <TextInput
          label={t('customers.postalCode')}
          error={at('postalCode')}
          value={place.postalCode}
          onChange={(e) => onChange({ ...place, postalCode: e.currentTarget.value })}
        />
        <TextInput
          label={t('customers.city')}
          error={at('city')}
          value={place.city}
          onChange={(e) => onChange({ ...place, city: e.currentTarget.value })}
        />
        <TextInput
          label={t('customers.country')}
          error={at('country')}
          value={place.country}
          maxLength={2}
          onChange={(e) => onChange({ ...place, country: e.currentTarget.value.toUpperCase() })}
        />
      </SimpleGrid>
    </Stack>
  );
}
