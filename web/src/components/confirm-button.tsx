import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A button for a step that cannot be undone (issuing or crediting an invoice, deleting a draft): it asks first,
 * saying what will happen, and only the dialog's own button acts. The dialog closes when the action succeeded;
 * when it failed, the caller's error shows where the button is.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirm,
  onConfirm,
  busy,
  color,
  variant,
}: {
  label: string;
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  /** The dialog's button, naming the act ("Factuur uitreiken"). */
  confirm: string;
  onConfirm: () => Promise<unknown>;
  busy: boolean;
  color?: string;
  variant?: ButtonProps['variant'];
}) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color={color} variant={variant} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} closeButtonProps={{ 'aria-label': t('records.close') }} title={title}>
        <Stack>
          {typeof children === 'string' ? <Text>{children}</Text> : children}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color={color} loading={busy} onClick={() => void onConfirm().finally(close)}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
