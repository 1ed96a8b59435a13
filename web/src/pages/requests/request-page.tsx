import { Alert, Anchor, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { EmlImport } from '../../components/eml-import.tsx';
import { MailAuthenticationSection } from '../../components/mail-authentication.tsx';
import { Loaded, Page } from '../../components/page.tsx';
import { Fact } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { can, useSession } from '../../session/session.tsx';
import { AccessPackages } from './access-packages.tsx';
import { DecideForm } from './decide-form.tsx';
import { AnswerForm, CloseForms, ExtendForm, KindForm, VerifyForms } from './request-forms.tsx';
import { StatusBadge } from './request-badges.tsx';
import { isRight, OPEN_STATUSES, type RequestDetail, type SentLetter } from './types.ts';

/** A request with its workflow: verify, decide or answer, extend, close; the access package; the accountability. */
export function RequestPage() {
  const labels = useLabels();
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const { session } = useSession();
  const loaded = useApi<RequestDetail>(`/api/requests/${id}`);
  const [letter, setLetter] = useState<SentLetter | null>(null);
  const done = (l: SentLetter | null) => {
    setLetter(l);
    loaded.reload();
  };
  const title = loaded.data === undefined ? t('nav.requests') : t('requests.detailTitle', { reference: loaded.data.reference });
  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to="/requests">
          {t('requests.back')}
        </Anchor>
      }
    >
      <Loaded data={loaded.data} error={loaded.error}>
        {(r) => {
          const open = OPEN_STATUSES.includes(r.status);
          const unverified = r.status === 'received' || r.status === 'verification_sent';
          return (
            <Stack>
              <Group>
                <StatusBadge status={r.status} />
                <StateBadge color="gray">{t(`requests.kind.${r.kind}`)}</StateBadge>
                {r.overdue && (
                  <StateBadge color="red" alarm>
                    {t('requests.overdue')}
                  </StateBadge>
                )}
              </Group>
              {letter !== null && <LetterNotice letter={letter} />}
              <Paper withBorder p="md">
                <Title order={3} size="h4" mb="sm">
                  {t('requests.facts')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Fact label={t('requests.requester')}>{r.requesterName}</Fact>
                  <Fact label={t('requests.email')}>{r.requesterEmail ?? '–'}</Fact>
                  <Fact label={t('requests.channel')}>{t(`requests.channel.${r.channel}`)}</Fact>
                  <Fact label={t('requests.received')}>{date(r.receivedAt, true)}</Fact>
                  <Fact label={t('requests.deadline')}>
                    {date(r.deadline)}
                    {r.extendedTo !== null && ` (${t('requests.extendedTo', { date: date(r.extendedTo) })})`}
                  </Fact>
                  <Fact label={t('requests.legalEnd')}>
                    <Text span c={r.overdue ? 'red.9' : undefined} fw={r.overdue ? 700 : undefined}>
                      {date(r.legalEnd)}
                    </Text>
                    {r.legalEnd !== r.deadline && (
                      <Text span size="sm" c="dimmed" display="block">
                        {t('requests.legalEndMoved')}
                      </Text>
                    )}
                  </Fact>
                  <Fact label={t('requests.customer')}>
                    <CustomerOf request={r} />
                  </Fact>
                  {r.requesterAddress !== null && <Fact label={t('requests.address')}>{r.requesterAddress}</Fact>}
                  {r.purpose !== null && <Fact label={t('requests.purpose')}>{labels.purpose(r.purpose)}</Fact>}
                  {r.transferEmail !== null && (
                    <Fact label={t('requests.transfer')}>
                      {`${r.transferOrganisation ?? ''} (${r.transferEmail})`}
                      <Text span size="sm" c="dimmed" display="block">
                        {r.transferConfirmedAt === null
                          ? t('requests.transferNotConfirmed')
                          : t('requests.transferConfirmed', { date: date(r.transferConfirmedAt, true) })}
                      </Text>
                    </Fact>
                  )}
                  {r.changes !== null && (
                    <Fact label={t('requests.changes')}>
                      {Object.entries(r.changes)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join('\n')}
                    </Fact>
                  )}
                </SimpleGrid>
                {r.details !== '' && (
                  <Stack mt="sm" gap={0}>
                    <Fact label={t('requests.details')}>{r.details}</Fact>
                  </Stack>
                )}
              </Paper>
              <Paper withBorder p="md">
                <Title order={3} size="h4" mb="sm">
                  {t('requests.evidence')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Fact label={t('requests.verification')}>
                    {r.verifiedAt === null
                      ? t('requests.notVerified')
                      : `${date(r.verifiedAt, true)} · ${verifiedBy(r.verificationMethod, t)}${r.verificationNote === null ? '' : ` · ${r.verificationNote}`}`}
                  </Fact>
                  {r.extensionReason !== null && <Fact label={t('requests.extensionReason')}>{r.extensionReason}</Fact>}
                  {r.decision !== null && (
                    <Fact label={t('requests.decision')}>
                      {t(`requests.decision.${r.decision}`)} · {t('requests.decidedAt')} {date(r.decidedAt, true)}
                    </Fact>
                  )}
                  {r.decisionGround !== null && <Fact label={t('requests.ground')}>{r.decisionGround}</Fact>}
                  {r.decisionMotivation !== null && <Fact label={t('requests.motivation')}>{r.decisionMotivation}</Fact>}
                  {r.decisionEvidence !== null && <Fact label={t('requests.decisionEvidence')}>{r.decisionEvidence}</Fact>}
                  {r.answeredAt !== null && <Fact label={t('requests.answeredAt')}>{date(r.answeredAt, true)}</Fact>}
                  {r.closingNote !== null && <Fact label={t('requests.closingNote')}>{r.closingNote}</Fact>}
                  {r.attachmentsDropped > 0 && (
                    <Fact label={t('requests.attachmentsDropped')}>
                      {r.attachmentsDropped === 1
                        ? t('requests.attachmentsDroppedOne')
                        : t('requests.attachmentsDroppedMany', { count: String(r.attachmentsDropped) })}
                    </Fact>
                  )}
                </SimpleGrid>
              </Paper>
              {r.mailAuthentication !== null && <MailAuthenticationSection authentication={r.mailAuthentication} />}
              {unverified && r.channel === 'email' && <KindForm request={r} onDone={() => done(null)} />}
              {unverified && <VerifyForms request={r} onDone={() => done(null)} />}
              {r.status === 'verified' && isRight(r.kind) && can(session, 'rights') && <DecideForm request={r} onDone={done} />}
              {((r.status === 'verified' && !isRight(r.kind)) ||
                ((r.status === 'decided' || r.status === 'awaiting_release') && can(session, 'rights'))) && (
                <AnswerForm request={r} onDone={done} />
              )}
              {(r.kind === 'access' || r.kind === 'portability') && can(session, 'rights') && r.decision !== null && (
                <AccessPackages request={r} />
              )}
              {open && <ExtendForm request={r} onDone={done} />}
              {open && <CloseForms request={r} unverified={unverified} onDone={done} />}
              {open && (
                <EmlImport
                  url={`/api/requests/${r.id}/messages/eml`}
                  texts={{
                    title: t('requests.emlImport'),
                    hint: t('requests.emlImportHint'),
                    file: t('requests.emlFile'),
                    choose: t('requests.emlChoose'),
                    submit: t('requests.emlSubmit'),
                  }}
                  onDone={() => done(null)}
                />
              )}
            </Stack>
          );
        }}
      </Loaded>
    </Page>
  );
}

/**
 * The customer the request is about, by name and linked to their page (a contact person of an organisation too:
 * the organisation's page lists its contacts by the same customer page). In words when there is none yet, or
 * when a restriction or objection keeps their data from this reader; never an id (issue 19).
 */
function CustomerOf({ request: r }: { request: RequestDetail }) {
  const { t } = useI18n();
  if (r.subjectId === null) return <>{r.verifiedAt === null ? t('requests.noCustomerYet') : t('requests.noCustomer')}</>;
  if (r.customerName === null) return <>{t('requests.customerWithheld')}</>;
  return (
    <Anchor component={Link} to={`/customers/${r.subjectId}`}>
      {r.customerName}
    </Anchor>
  );
}

/** Where the letter of the last change went; a letter to post is shown to print. */
function LetterNotice({ letter }: { letter: SentLetter }) {
  const { t } = useI18n();
  if (letter.channel === 'email') {
    return (
      <Alert color="green" role="status">
        {t('requests.letter.email', { to: letter.to, title: letter.title })}
      </Alert>
    );
  }
  return (
    <Alert color="indigo" role="status" title={t('requests.letter.post')}>
      <Code block>{letter.text}</Code>
    </Alert>
  );
}

/** How the identity was established, in words: by the code or link to the address on file, knowledge, or what staff did. */
function verifiedBy(method: string | null, t: (key: string) => string): string {
  if (method === null) return '';
  const key = method.startsWith('staff:') ? `requests.verify.method.${method.slice(6)}` : `requests.verifiedBy.${method}`;
  const text = t(key);
  return text === key ? t('requests.verify.method.other') : text;
}
