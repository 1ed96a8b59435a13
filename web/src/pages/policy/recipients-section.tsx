import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementForm } from './agreement-form.tsx';
import { CompanyForm } from './company-form.tsx';
import type { Agreement, Recipient } from './register-types.ts';

/** The register of recipients (P7): each category, the companies in it (P9), and the processor agreements (Art. 28(3)). */
export function RecipientsSection() {
  const { t } = useI18n();
  const recipients = useApi<{ recipients: Recipient[] }>('/api/registers/recipients');
  const setActive = useAction(
    useCallback((recipientId: string, companyId: string, active: boolean) => post(`/api/registers/recipients/${recipientId}/companies/${companyId}/${active ? 'reactivate' : 'retire'}`), []),
    recipients.reload,
  );
  return (
    <Section title={t('policy.recipients')} intro={t('policy.recipientsIntro')}>
      <Loaded data={recipients.data} error={recipients.error}>
        {({ recipients: list }) => (
          <Stack>
            <ErrorAlert error={setActive.error} />
            <RegisterTable recipients={list} busy={setActive.busy} onActive={(r, c, active) => void setActive.run(r, c, active)} />
            <CompanyForm recipients={list} onDone={recipients.reload} />
            <AgreementForm recipients={list} onDone={recipients.reload} />
          </Stack>
        )}
      </Loaded>
    </Section>
  );
}

function RegisterTable({ recipients, busy, onActive }: { recipients: Recipient[]; busy: boolean; onActive: (recipientId: string, companyId: string, active: boolean) => void }) {
  const { t, date, language } = useI18n();
  const agreementText = (a: Agreement | null) =>
    a === null ? t('policy.noAgreement') : `${a.documentReference} (${date(a.signedOn)}${a.expiresOn === null ? '' : `, ${t('policy.expires', { date: date(a.expiresOn) })}`})`;
  const role = (r: string) => t(`policy.role.${r}`);
  const country = (code: string) => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policy.recipient')}</Table.Th>
            <Table.Th>{t('policy.kvk')}</Table.Th>
            <Table.Th>{t('policy.role')}</Table.Th>
            <Table.Th>{t('policy.country')}</Table.Th>
            <Table.Th>{t('policy.agreement')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recipients.flatMap((r) => [
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text fw={600}>{r.name[language]}</Text>
                {!r.active && (
                  <StateBadge color="gray" ml="xs">
                    {t('policy.retired')}
                  </StateBadge>
                )}
              </Table.Td>
              <Table.Td />
              <Table.Td>{role(r.role)}</Table.Td>
              <Table.Td>{country(r.country)}</Table.Td>
              <Table.Td>{r.companies.length > 0 ? t('policy.agreementPerCompany') : r.role === 'processor' ? agreementText(r.agreement) : '–'}</Table.Td>
              <Table.Td />
            </Table.Tr>,
            ...r.companies.map((c) => (
              <Table.Tr key={`${r.id}/${c.id}`}>
                <Table.Td pl="xl">
                  {c.legalName}
                  {!c.active && (
                    <StateBadge color="gray" ml="xs">
                      {t('policy.retired')}
                    </StateBadge>
                  )}
                </Table.Td>
                <Table.Td>{c.kvkNumber ?? '–'}</Table.Td>
                <Table.Td>{role(c.role)}</Table.Td>
                <Table.Td>{country(c.country)}</Table.Td>
                <Table.Td>{c.role === 'processor' ? agreementText(c.agreement) : '–'}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="default" loading={busy} onClick={() => onActive(r.id, c.id, !c.active)} aria-label={`${c.active ? t('policy.retireCompany') : t('policy.reactivateCompany')}: ${c.legalName}`}>
                      {c.active ? t('policy.retireCompany') : t('policy.reactivateCompany')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
