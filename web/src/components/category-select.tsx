import { MultiSelect } from '@mantine/core';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Category {
  id: string;
  label: { nl: string; en: string };
}

/** The policy's data categories, chosen by their labels in the page's language; the value is their ids. */
export function CategorySelect({
  label,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  const { language } = useI18n();
  const categories = useApi<{ categories: Category[] }>('/api/policy/categories');
  return (
    <MultiSelect
      label={label}
      required={required}
      searchable
      value={value}
      onChange={onChange}
      error={error}
      data={(categories.data?.categories ?? []).map((c) => ({ value: c.id, label: c.label[language] }))}
    />
  );
}

/** A function naming categories by their labels in the page's language (the id only while the labels load). */
export function useCategoryLabels(): (ids: string[]) => string {
  const { language } = useI18n();
  const categories = useApi<{ categories: Category[] }>('/api/policy/categories');
  return (ids) => ids.map((id) => categories.data?.categories.find((c) => c.id === id)?.label[language] ?? id).join(', ');
}
