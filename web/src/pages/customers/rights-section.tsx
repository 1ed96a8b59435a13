import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePurposeLabel } from './purpose.ts';
import { type Consent, type Hold, LIFT_REASONS, type LiftReason, type Objection, type Restriction } from './types.ts';

/**
 * Consents with their evidence (Art. 7(1)); withdrawing is as easy as giving (Art. 7(3)). A consent recorded before
 * for a purpose on another basis is history: it shows as such, without a withdrawal that would stop nothing.
 */
export function ConsentsSection({ consents, reload }: { consents: Consent[]; reload: () => void }) {
  const { t, date } = useI18n();
  const purposeLabel = usePurposeLabel();
  const withdraw = useAction((id: string) => post(`/api/consents/${id}/withdraw`), reload);
  if (consents.length === 0) return <Text>{t('records.noConsents')}</Text>;
  return (
    <Stack>
      <ErrorAlert error={withdraw.error} />
      {consents.some((c) => !c.restsOnConsent) && <Text size="sm">{t('records.consentHistoryNote')}</Text>}
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('records.purpose')}</Table.Th>
              <Table.Th>{t('records.givenAt')}</Table.Th>
              <Table.Th>{t('records.method')}</Table.Th>
              <Table.Th>{t('records.evidence')}</Table.Th>
              <Table.Th>{t('records.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {consents.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{purposeLabel(c.purpose, '')}</Table.Td>
                <Table.Td>{date(c.givenAt, true)}</Table.Td>
                <Table.Td>{t(`records.method.${c.method}`)}</Table.Td>
                <Table.Td>{c.evidence}</Table.Td>
                <Table.Td>
                  {!c.restsOnConsent ? (
                    <Badge color="gray" variant="light">
                      {t('records.consentHistory')}
                    </Badge>
                  ) : c.withdrawnAt === null ? (
                    <Button
                      size="xs"
                      variant="light"
                      color="red.9"
                      loading={withdraw.busy}
                      onClick={() => void withdraw.run(c.id)}
                      aria-label={t('records.withdrawConsentFor', { purpose: purposeLabel(c.purpose, '') })}
                    >
                      {t('records.withdraw')}
                    </Button>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('records.withdrawnOn', { date: date(c.withdrawnAt) })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Restrictions (Art. 18) and objections (Art. 21): the dpo's, as they follow decided requests. */
export function RestrictionsSection({ subjectId }: { subjectId: string }) {
  const { t, date } = useI18n();
  const restrictions = useApi<{ restrictions: Restriction[] }>(`/api/subjects/${subjectId}/restrictions`);
  const objections = useApi<{ objections: Objection[] }>(`/api/subjects/${subjectId}/objections`);
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('records.restrictions')}
      </Title>
      <Loaded data={restrictions.data} error={restrictions.error}>
        {({ restrictions: rows }) => (
          <PurposeTable
            empty={t('records.noRestrictions')}
            rows={rows.map((r) => ({
              id: r.id,
              purpose: r.purpose,
              reason: t(`records.restrictionGround.${r.ground}`),
              since: r.startedAt,
              inForce: r.liftedAt === null,
              state: restrictionState(r, { t, date }),
            }))}
          />
        )}
      </Loaded>
      <Loaded data={restrictions.data} error={restrictions.error}>
        {({ restrictions: rows }) => (
          <>
            {rows
              .filter((r) => r.liftable || r.state === 'lift_announced')
              .map((r) => (
                <LiftPanel key={r.id} restriction={r} reload={restrictions.reload} />
              ))}
          </>
        )}
      </Loaded>
      <Title order={3} size="h4">
        {t('records.objections')}
      </Title>
      <Loaded data={objections.data} error={objections.error}>
        {({ objections: rows }) => (
          <PurposeTable
            empty={t('records.noObjections')}
            rows={rows.map((o) => ({
              id: o.id,
              purpose: o.purpose,
              reason: o.reason ?? '–',
              since: o.createdAt,
              inForce: o.status === 'upheld',
              state: t(`records.objectionStatus.${o.status}`),
            }))}
          />
        )}
      </Loaded>
    </Stack>
  );
}

/** A restriction's state in words: in force, lifting announced (until when), or lifted (when). */
function restrictionState(r: Restriction, { t, date }: Pick<ReturnType<typeof useI18n>, 't' | 'date'>): string {
  switch (r.state) {
    case 'in_force':
      return t('records.inForce');
    case 'lift_announced':
      return r.liftNotBefore === null
        ? t('records.liftAnnounced')
        : t('records.liftAnnouncedUntil', { date: date(r.liftNotBefore) });
    case 'lifted':
      return t('records.liftedOn', { date: date(r.liftedAt ?? r.startedAt) });
  }
}

/**
 * Lifting a restriction (Art. 18(3)): the dpo announces it with a reason and a motivation the person reads; it is
 * lifted once that notice was delivered and the lead time passed. An announced lifting can be withdrawn.
 */
function LiftPanel({ restriction, reload }: { restriction: Restriction; reload: () => void }) {
  const { t } = useI18n();
  const purposeLabel = usePurposeLabel();
  const [reason, setReason] = useState<LiftReason | null>(null);
  const [motivation, setMotivation] = useState('');
  const announce = useAction(() => post(`/api/restrictions/${restriction.id}/lift`, { reason, motivation }), reload);
  const keep = useAction(() => post(`/api/restrictions/${restriction.id}/keep`), reload);
  const purpose = purposeLabel(restriction.purpose, t('records.allPurposes'));
  if (restriction.state === 'lift_announced') {
    return (
      <Paper withBorder p="sm">
        <ErrorAlert error={keep.error} />
        <Group justify="space-between">
          <Text>{t('records.liftAnnouncedFor', { purpose })}</Text>
          <Button size="xs" variant="light" loading={keep.busy} onClick={() => void keep.run()}>
            {t('records.keepRestriction')}
          </Button>
        </Group>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="sm" component="form" onSubmit={(e) => (e.preventDefault(), void announce.run())}>
      <Stack gap="xs">
        <Text fw={600}>{t('records.liftTitle', { purpose })}</Text>
        <Text size="sm">{t('records.liftHint')}</Text>
        <ErrorAlert error={announce.error} />
        <Select
          label={t('records.liftReason')}
          required
          value={reason}
          onChange={(v) => setReason(v)}
          data={LIFT_REASONS.map((value) => ({ value, label: t(`records.liftReason.${value}`) }))}
        />
        <Textarea
          label={t('records.liftMotivation')}
          description={t('records.liftMotivationHint')}
          required
          autosize
          minRows={2}
          value={motivation}
          onChange={(e) => setMotivation(e.currentTarget.value)}
        />
        <Group>
          <Button
            type="submit"
            size="xs"
            color="grape"
            loading={announce.busy}
            disabled={reason === null || motivation.trim().length < 10}
          >
            {t('records.announceLift')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

interface PurposeRow {
  id: string;
  /** null: every purpose. */
  purpose: string | null;
  reason: string;
  since: string;
  /** In force (a restriction not lifted, an upheld objection): marked in colour. */
  inForce: boolean;
  state: string;
}

/** A restriction's or an objection's rows: per purpose, why, since when, and whether it holds. */
function PurposeTable({ rows, empty }: { rows: PurposeRow[]; empty: string }) {
  const { t, date } = useI18n();
  const purposeLabel = usePurposeLabel();
  if (rows.length === 0) return <Text>{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('records.purpose')}</Table.Th>
            <Table.Th>{t('records.reason')}</Table.Th>
            <Table.Th>{t('records.since')}</Table.Th>
            <Table.Th>{t('records.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{purposeLabel(r.purpose, t('records.allPurposes'))}</Table.Td>
              <Table.Td>{r.reason}</Table.Td>
              <Table.Td>{date(r.since)}</Table.Td>
              <Table.Td>
                <Badge color={r.inForce ? 'grape' : 'gray'} variant="light">
                  {r.state}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Legal holds (Art. 17(3)(e)): while in force, erasure and retention keep what they name. */
export function HoldsSection({ subjectId }: { subjectId: string }) {
  const { t, date } = useI18n();
  const holds = useApi<{ holds: Hold[] }>(`/api/subjects/${subjectId}/holds`);
  return (
    <Loaded data={holds.data} error={holds.error}>
      {({ holds: rows }) =>
        rows.length === 0 ? (
          <Text>{t('records.noHolds')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.holdOn')}</Table.Th>
                  <Table.Th>{t('records.reason')}</Table.Th>
                  <Table.Th>{t('records.since')}</Table.Th>
                  <Table.Th>{t('records.until')}</Table.Th>
                  <Table.Th>{t('records.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{h.recordType === null ? t('records.wholeCustomer') : h.recordType}</Table.Td>
                    <Table.Td>{h.reason}</Table.Td>
                    <Table.Td>{date(h.placedAt)}</Table.Td>
                    <Table.Td>{h.endsOn === null ? t('records.reviewOn', { date: date(h.reviewOn) }) : date(h.endsOn)}</Table.Td>
                    <Table.Td>
                      <Badge color={h.inForce ? 'grape' : 'gray'} variant="light">
                        {h.inForce ? t('records.inForce') : t('records.ended')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </Loaded>
  );
}
