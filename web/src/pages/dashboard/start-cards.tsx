import { Anchor, Badge, Group, List, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { money } from '../customers/format.ts';
import { longDate } from '../invoices/invoice-format.ts';
import { DashboardCard } from './dashboard-card.tsx';
import { SelfCheckFinding } from './self-check-finding.tsx';
import type { StartPage } from './types.ts';

type Part<K extends keyof StartPage> = NonNullable<StartPage[K]>;

/** A badge whose text is never cut off: the number it carries is what matters (the hours of the breach clock). */
const WHOLE = { root: { height: 'auto', maxWidth: 'none' }, label: { overflow: 'visible', whiteSpace: 'normal' } } as const;

/** A moment written out in the language: "6 december 2026 om 17:05", "6 December 2026 at 17:05". */
const longMoment = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });

/** "3 of 57 shown" when a part holds more than the page lists. */
function More({ shown, total }: { shown: number; total: number }) {
  const { t } = useI18n();
  return shown < total ? (
    <Text size="sm" c="gray.7">
      {t('start.shownOf', { shown, total })}
    </Text>
  ) : null;
}

/** Open requests by their legal end (Art. 12(3)), a package waiting for release marked. */
export function StartRequests({ part }: { part: Part<'requests'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('dashboard.requests')} link={{ to: '/requests', label: t('dashboard.allRequests') }}>
      {part.items.length === 0 ? (
        <Text>{t('dashboard.noRequests')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.deadline')}</Table.Th>
                <Table.Th>{t('dashboard.reference')}</Table.Th>
                <Table.Th>{t('dashboard.kind')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {part.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.overdue || r.daysLeft < 0 ? (
                      <Badge color="red.9" variant="filled" styles={WHOLE}>
                        {t('dashboard.overdueSince', { date: longDate(r.legalEnd, language) })}
                      </Badge>
                    ) : (
                      <>
                        {longDate(r.legalEnd, language)}
                        <Text span size="sm" c="gray.7">
                          {' · '}
                          {r.daysLeft === 0
                            ? t('start.today')
                            : r.daysLeft === 1
                              ? t('start.oneDayLeft')
                              : t('start.daysLeft', { days: r.daysLeft })}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {/* A reference is read as one word: never broken at its hyphens. */}
                      <Anchor
                        component={Link}
                        to={`/requests/${r.id}`}
                        c={r.overdue ? 'red.9' : undefined}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {r.reference}
                      </Anchor>
                      {r.packageWaiting && <StateBadge color="grape">{t('start.packageWaiting')}</StateBadge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`dashboard.requestKind.${r.kind}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <More shown={part.items.length} total={part.total} />
    </DashboardCard>
  );
}

/** Legal holds whose review date has come or is near (Art. 17(3)(e): kept only while the claim needs it). */
export function StartHolds({ part }: { part: Part<'holds'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('start.holds')} link={{ to: '/retention', label: t('dashboard.toRetention') }}>
      {part.items.length === 0 ? (
        <Text>{t('start.noHolds')}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {part.items.map((h) => (
            <List.Item key={h.id}>
              <Anchor component={Link} to={`/customers/${h.subjectId}`}>
                {h.customer}
              </Anchor>
              <Text span size="sm" c="gray.7">
                {' · '}
                {t('start.reviewOn', { date: longDate(h.reviewOn, language) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <More shown={part.items.length} total={part.total} />
    </DashboardCard>
  );
}

const CLOCK_COLOR: Record<string, string> = {
  running: 'blue',
  near: 'orange.6',
  overdue: 'red.9',
  notified: 'teal.9',
  notified_late: 'orange.6',
  not_required: 'gray.7',
};

/** Breaches whose notification to the AP is still due, the least time left first, with the whole clock (Art. 33(1)). */
export function StartBreaches({ part }: { part: Part<'breaches'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('dashboard.breaches')} link={{ to: '/breaches', label: t('dashboard.allBreaches') }}>
      {part.items.length === 0 ? (
        <Text>{t('dashboard.noOpenBreaches')}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {part.items.map((b) => (
            <List.Item key={b.id}>
              <Group gap="xs" wrap="nowrap" align="start">
                <Badge
                  color={CLOCK_COLOR[b.clock.state] ?? 'gray.7'}
                  variant="filled"
                  autoContrast
                  styles={WHOLE}
                  style={{ flexShrink: 0 }}
                >
                  {b.clock.hoursLeft === null
                    ? t(`dashboard.clock.${b.clock.state}`)
                    : b.clock.hoursLeft < 0
                      ? t('dashboard.hoursLate', { hours: Math.ceil(-b.clock.hoursLeft) })
                      : t('dashboard.hoursLeft', { hours: Math.floor(b.clock.hoursLeft) })}
                </Badge>
                <div>
                  <Anchor component={Link} to={`/breaches/${b.id}`}>
                    {b.description.length > 80 ? `${b.description.slice(0, 80)}…` : b.description}
                  </Anchor>
                  <Text size="sm" c="gray.7">
                    {t('dashboard.notifyBefore', { date: longMoment(b.clock.deadline, language) })}
                  </Text>
                </div>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </DashboardCard>
  );
}

/** Processors without an agreement, with one expired or ending soon (Art. 28(3)). */
export function StartAgreements({ part }: { part: Part<'processorAgreements'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('dashboard.processorAgreements')} link={{ to: '/policy', label: t('dashboard.toRegister') }}>
      {part.items.length === 0 ? (
        <Text>{t('dashboard.agreementsFine', { days: part.windowDays })}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {part.items.map((a) => (
            <List.Item key={`${a.recipient.en}/${a.company ?? ''}`}>
              {/* The badge beside the name on every row; a long name wraps beside it, not under it. */}
              <Group gap="xs" align="baseline" wrap="nowrap">
                <StateBadge color={a.state === 'expiring' ? 'orange' : 'red'} styles={WHOLE} style={{ flexShrink: 0 }}>
                  {t(`start.agreement.${a.state}`)}
                </StateBadge>
                <Text>
                  {a.company === null ? a.recipient[language] : `${a.company} (${a.recipient[language]})`}
                  {a.expiresOn !== null && ` · ${longDate(a.expiresOn, language)}`}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </DashboardCard>
  );
}

const SEVERITY_COLOR = { warning: 'grape', error: 'red', unknown: 'gray' } as const;

/** The newest self-check (BEVEILIGING: "checked regularly"); it runs again after a change that affects it. */
export function StartSelfCheck({ part }: { part: Part<'selfCheck'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('dashboard.selfCheck')}>
      {part.finishedAt === null ? (
        <Text>{t('dashboard.noSelfCheck')}</Text>
      ) : (
        <>
          <Group gap="xs">
            <Badge
              color={part.errors > 0 ? 'red.9' : part.warnings > 0 ? 'orange.6' : 'teal.9'}
              variant="filled"
              autoContrast
              styles={WHOLE}
            >
              {part.errors > 0
                ? t('dashboard.selfCheckErrors', { n: part.errors })
                : part.warnings > 0
                  ? t('dashboard.selfCheckWarnings', { n: part.warnings })
                  : t('dashboard.selfCheckOk')}
            </Badge>
            <Text size="sm" c="gray.7">
              {t('dashboard.ranAt', { date: longMoment(part.finishedAt, language) })}
            </Text>
          </Group>
          <List spacing={4} size="sm" listStyleType="none" p={0}>
            {part.findings.map((f) => (
              <List.Item key={f.id}>
                <StateBadge size="xs" color={SEVERITY_COLOR[f.severity]} mr={6}>
                  {t(`dashboard.severity.${f.severity}`)}
                </StateBadge>
                <SelfCheckFinding finding={f} />
              </List.Item>
            ))}
          </List>
        </>
      )}
    </DashboardCard>
  );
}

/** Open cases of customers, the longest open first. */
export function StartCases({ part }: { part: Part<'cases'> }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t('start.cases')}>
      {part.items.length === 0 ? (
        <Text>{t('start.noCases')}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {part.items.map((c) => (
            <List.Item key={c.id}>
              <Anchor component={Link} to={`/cases/${c.id}`}>
                {c.title}
              </Anchor>
              <Text span size="sm" c="gray.7">
                {' · '}
                {c.customer} · {t('start.openSince', { date: longDate(c.openedAt, language) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <More shown={part.items.length} total={part.total} />
    </DashboardCard>
  );
}

/** Draft invoices (not yet sent) or overdue ones (due and not paid). */
export function StartInvoices({ part, kind }: { part: Part<'drafts'>; kind: 'drafts' | 'overdue' }) {
  const { t, language } = useI18n();
  return (
    <DashboardCard title={t(`start.${kind}`)} link={{ to: '/invoices', label: t('start.toInvoices') }}>
      {part.items.length === 0 ? (
        <Text>{t(`start.no.${kind}`)}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {part.items.map((i) => (
            <List.Item key={i.id}>
              <Anchor component={Link} to={`/invoices/${i.id}`}>
                {i.number ?? t('start.draft')}
              </Anchor>
              <Text span size="sm" c="gray.7">
                {' · '}
                {i.customer} · {money(i.totalInclCents, 'EUR', language)} ·{' '}
                {t(kind === 'drafts' ? 'start.createdOn' : 'start.dueOn', { date: longDate(i.date, language) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <More shown={part.items.length} total={part.total} />
    </DashboardCard>
  );
}

const STEPS = [
  { key: 'processorAgreements', to: '/policy' },
  { key: 'backups', to: null },
  { key: 'firstCustomer', to: '/customers' },
  { key: 'statementPublished', to: '/policy' },
] as const;

/** The first run in plain words: what to set up before Kluis keeps its promises, each with where it is done. */
export function FirstRunChecklist({ part }: { part: Part<'checklist'> }) {
  const { t } = useI18n();
  if (STEPS.every((s) => part[s.key] === true)) return null;
  return (
    <DashboardCard title={t('start.checklist')}>
      <Text size="sm">{t('start.checklistIntro')}</Text>
      <List spacing="sm" listStyleType="none" p={0}>
        {STEPS.map((s) => {
          const done = part[s.key];
          return (
            <List.Item key={s.key}>
              <Group gap="xs" align="baseline" wrap="nowrap">
                <StateBadge
                  color={done === true ? 'teal' : done === null ? 'gray' : 'orange'}
                  styles={WHOLE}
                  style={{ flexShrink: 0 }}
                >
                  {t(done === true ? 'start.step.done' : done === null ? 'start.step.unknown' : 'start.step.todo')}
                </StateBadge>
                <div>
                  {s.to === null ? (
                    <Text fw={600}>{t(`start.step.${s.key}`)}</Text>
                  ) : (
                    <Anchor component={Link} to={s.to} fw={600}>
                      {t(`start.step.${s.key}`)}
                    </Anchor>
                  )}
                  <Text size="sm">{t(`start.step.${s.key}.how`)}</Text>
                </div>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </DashboardCard>
  );
}

/** The accountant's start: the invoices the fiscal export covers, and where to get them. */
export function StartFiscal({ part }: { part: Part<'fiscal'> }) {
  const { t } = useI18n();
  return (
    <DashboardCard title={t('dashboard.accountantTitle')}>
      <Text>{t('dashboard.accountantIntro')}</Text>
      <Text>
        {t('start.issued', { year: part.year, n: part.issuedThisYear })}{' '}
        {t('start.issuedLast', { year: part.year - 1, n: part.issuedLastYear })}
      </Text>
      <List>
        <List.Item>
          <Anchor component={Link} to="/invoices">
            {t('dashboard.accountantInvoices')}
          </Anchor>
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/invoices#fiscal-export">
            {t('dashboard.accountantExport')}
          </Anchor>
        </List.Item>
      </List>
    </DashboardCard>
  );
}
