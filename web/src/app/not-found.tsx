import { Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.tsx';

export function NotFound() {
  const { t } = useI18n();
  return <Text>{t('common.notFound')}</Text>;
}
