import { Alert, Group, List, Loader, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { errorText, fieldProblems } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { scanErrorText } from './scan.tsx';

/** A page of the back office: its title (the page's one h2; the app name is the h1), actions, and content. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="md" component="section" aria-label={title}>
      <Group justify="space-between" align="center">
        <Title order={2}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}

/** The reason an API error gives in words, in the page's language, when it gives one (`details.reason.nl/en`). */
function reasonOf(error: ApiError | Error, language: 'nl' | 'en'): string | null {
  const details =
    'details' in error ? (error.details as { reason?: Partial<Record<'nl' | 'en', unknown>> } | null | undefined) : undefined;
  const reason = details?.reason?.[language];
  return typeof reason === 'string' ? reason : null;
}

/**
 * An error in the page's language: what its code means, and, for a refused form, what is wrong with each value
 * whose field does not show it itself (`atFields`: the fields, or their prefixes like `addresses.`, that do).
 * Never the API's code, message or field path.
 */
export function ErrorAlert({ error, atFields = [] }: { error: ApiError | Error | undefined | null; atFields?: string[] }) {
  const { t, language } = useI18n();
  if (error === undefined || error === null) return null;
  const forbidden = 'status' in error && error.status === 403;
  const problems = Object.entries(fieldProblems(error, t, language)).filter(
    ([field]) => !atFields.some((shown) => field === shown || (shown.endsWith('.') && field.startsWith(shown))),
  );
  const labelled = problems.map(([field, text]) => {
    const label = t(`field.${field.split('.').pop() ?? ''}`);
    return label.startsWith('field.') ? text : `${label}: ${text}`;
  });
  return (
    <Alert color="red" role="alert" title={forbidden ? t('common.forbidden') : t('common.error')}>
      {scanErrorText(error, t) ?? reasonOf(error, language) ?? errorText(error, t)}
      {labelled.length > 0 && (
        <List size="sm" mt="xs">
          {labelled.map((l) => (
            <List.Item key={l}>{l}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Loading, error, or the content once the data is there. */
export function Loaded<T>({
  data,
  error,
  children,
}: {
  data: T | undefined;
  error: ApiError | undefined;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (error !== undefined) return <ErrorAlert error={error} />;
  // A live region says "loading" to screen readers; a bare spinner with aria-label is not allowed (axe).
  if (data === undefined) return <Loader size="sm" role="status" aria-label={t('common.loading')} />;
  return <>{children(data)}</>;
}
