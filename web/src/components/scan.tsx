import { Anchor, Group, Text } from '@mantine/core';
import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StateBadge } from './state-badge.tsx';

/** What the virus scanner said of a stored file (src/cases/case.schema.ts, fileScanSchema). */
export interface FileScan {
  status: 'clean' | 'quarantined' | 'unscanned';
  scannedAt: string | null;
  problem: string | null;
}

/**
 * A stored file as a link to download it, or, while it waits in quarantine, its name with a badge that says why
 * (the API refuses to serve it then); a file stored without a scanner says so too.
 */
export function ScannedFile({
  href,
  filename,
  sizeBytes,
  scan,
}: {
  href: string;
  filename: string;
  sizeBytes: number;
  scan: FileScan;
}) {
  const { t } = useI18n();
  const label = `${filename} (${Math.ceil(sizeBytes / 1024)} KB)`;
  if (scan.status === 'quarantined') {
    return (
      <Group gap={4}>
        <Text size="sm">{label}</Text>
        <StateBadge color="orange">{t('scan.status.quarantined')}</StateBadge>
        <Text size="xs" c="gray.7">
          {t('scan.quarantineHint', { problem: t(`scan.problem.${scan.problem ?? 'unreachable'}`) })}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Anchor href={href} download={filename} size="sm">
        {label}
      </Anchor>
      {scan.status === 'unscanned' && <StateBadge color="gray">{t('scan.status.unscanned')}</StateBadge>}
    </Group>
  );
}

/** The scanner's refusals in the reader's language, with the file and the signature; null for any other error. */
export function scanErrorText(
  error: ApiError | Error,
  t: (key: string, values?: Record<string, string | number>) => string,
): string | null {
  if (!('code' in error)) return null;
  if (error.code === 'file_quarantined') return t('scan.quarantinedFile');
  if (error.code !== 'file_infected') return null;
  const files = (error.details as { files?: { name: string | null; signature: string }[] } | undefined)?.files ?? [];
  const found = files.map((f) => t('scan.found', { signature: f.signature, file: f.name ?? t('scan.mailText') })).join(', ');
  return t('scan.infected', { found });
}
