import { type ButtonProps, Button, Group, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Cancel and save at the foot of a form in a dialog; save submits the form. */
export function FormActions({ onCancel, busy }: { onCancel: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

/** A button that opens a form in a dialog titled as the button; the form gets `close` for when it is done. */
export function DialogButton({
  label,
  variant,
  children,
}: {
  label: string;
  variant?: ButtonProps['variant'];
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant={variant} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} closeButtonProps={{ 'aria-label': t('records.close') }} title={label} size="lg">
        {children(close)}
      </Modal>
    </>
  );
}
