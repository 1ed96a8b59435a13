import { Paper } from '@mantine/core';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { PasswordChange } from '../account/password-change.tsx';

/** The first sign-in with a password someone else chose (the dpo, an operator): the person chooses their own first. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Then the second factor, if the role needs one (the frame sends the person there), else the start page.
  const onChanged = useCallback(() => void navigate('/', { replace: true }), [navigate]);
  return (
    <Paper withBorder p="xl" maw={760} component="section">
      <PasswordChange title={t('firstPassword.title')} intro={t('firstPassword.intro')} onChanged={onChanged} />
    </Paper>
  );
}
