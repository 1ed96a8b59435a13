import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Tabs whose open tab is in the address (`?tab=`), so back and reload keep it (issue 19). Another tab starts with
 * its own list state: the filters, sort and page of the one left behind are dropped from the address.
 */
export function AddressTabs({ tabs, label }: { tabs: { value: string; label: string; panel: ReactNode }[]; label: string }) {
  const [params, setParams] = useSearchParams();
  const first = tabs[0]?.value ?? '';
  const open = tabs.some((t) => t.value === params.get('tab')) ? (params.get('tab') ?? first) : first;
  return (
    <Tabs value={open} onChange={(v) => setParams(v === null || v === first ? {} : { tab: v })} keepMounted={false}>
      <Tabs.List aria-label={label}>
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Panel key={t.value} value={t.value} pt="md">
          {t.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
