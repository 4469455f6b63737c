/**
 * "Gửi, nhận dữ liệu": the hand-off to the province by file. An office (xã, or huyện for pre-2025
 * data) sends snapshots and takes in the province's packages and receipts; the province (tỉnh)
 * takes in the offices' files and makes packages. The identity tab is the same for both.
 */
import { useState } from 'react';
import { Stack, Tabs, Title } from '@mantine/core';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import { HANDOFF } from './texts';
import { KeysTab } from './keys/KeysTab';
import { SendTab } from './send/SendTab';
import { InboxTab } from './inbox/InboxTab';
import { PackageTab } from './package/PackageTab';

type Tab = keyof typeof HANDOFF.tabs;

export function HandoffPage({ office, today }: { office: OfficeDto; today: string }) {
  const isProvince = office.level === 'tinh';
  const tabs: Tab[] = isProvince ? ['inbox', 'package', 'keys'] : ['send', 'package', 'keys'];
  const [tab, setTab] = useState<Tab>(tabs[0]!);
  return (
    <Stack gap="md">
      <Title order={2}>{HANDOFF.title}</Title>
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {HANDOFF.tabs[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="keys" pt="md">
          <KeysTab office={office} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="send" pt="md">
          <SendTab office={office} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="inbox" pt="md">
          <InboxTab office={office} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="package" pt="md">
          <PackageTab office={office} today={today} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
