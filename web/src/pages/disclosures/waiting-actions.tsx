import { Button, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { StateBadge } from '../../components/state-badge.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type Text2 = { nl: string; en: string };

/** Who receives the data as a table names it: the company by its legal name, its KvK number and category below. */
export function RecipientName({
  kind,
  recipient,
}: {
  kind: string;
  recipient: { name: Text2; category: Text2 | null; company: { kvkNumber: string | null } | null };
}) {
  const { t, language } = useI18n();
  return (
    <>
      {recipient.name[language]}
      {recipient.company !== null && recipient.category !== null && (
        <Text size="xs" c="gray.7">
          {recipient.company.kvkNumber === null
            ? recipient.category[language]
            : t('disclosures.kvkIn', { kvk: recipient.company.kvkNumber, category: recipient.category[language] })}
        </Text>
      )}
      {kind !== 'disclosure' && (
        <StateBadge color="gray" ml="xs">
          {t(`disclosures.kind.${kind}`)}
        </StateBadge>
      )}
    </>
  );
}

/** Releasing and cancelling disclosures that wait for their notice; `done` after either succeeded. */
export function useWaitingActions(done: () => void) {
  const release = useAction(
    useCallback((id: string) => post(`/api/disclosures/${id}/release`), []),
    done,
  );
  const cancel = useAction(
    useCallback((id: string, reason: string) => post(`/api/disclosures/${id}/cancel`, { reason }), []),
    done,
  );
  return { release, cancel };
}

/**
 * The actions on one waiting disclosure, the same in every table: release (where it may go now), and cancel with
 * the reason asked first, so nothing is cancelled by a stray click. The release's error shows above the table.
 */
export function WaitingActions({
  id,
  actions,
  releasable = true,
}: {
  id: string;
  actions: ReturnType<typeof useWaitingActions>;
  releasable?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Stack gap={4} align="flex-start">
      {releasable && (
        <Button size="xs" loading={actions.release.busy} onClick={() => void actions.release.run(id)}>
          {t('disclosures.release')}
        </Button>
      )}
      <TextAction
        label={t('disclosures.cancelReason')}
        submit={t('disclosures.cancel')}
        minRows={1}
        busy={actions.cancel.busy}
        error={actions.cancel.error}
        color="gray.7"
        onSubmit={(reason) => actions.cancel.run(id, reason)}
      />
    </Stack>
  );
}
