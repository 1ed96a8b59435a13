import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { acquireLease, releaseLease } from '../../jobs/lease.repository.ts';
import { REQUEST_KINDS } from '../../shared/request-kind.ts';
import { printTable, withRuntime } from '../output.ts';

/** `kluis mail read`: one pass over the mailbox now, under the same lease as the job of `kluis serve`. */
export function mailReadCommand(): Command {
  return new Command('read')
    .description(
      'Read the mailbox (KLUIS_IMAP_URL) once now: requests, replies and the triage inbox, as `kluis serve` does on its own',
    )
    .action(async () => {
      const outcome = await withRuntime(async ({ services }) => {
        const reader = services.mailbox.reader;
        if (reader === undefined) return 'unconfigured' as const;
        const { db } = services.database;
        const holder = `cli-${process.pid}`;
        const now = services.guard.clock.now();
        // The job's own lease: while a running instance reads the mailbox, this waits its turn.
        if (!(await acquireLease(db, 'mailbox', holder, now.toISOString(), new Date(now.getTime() + 30 * 60_000).toISOString())))
          return 'leased' as const;
        try {
          return await reader.readOnce();
        } finally {
          await releaseLease(db, 'mailbox', holder);
        }
      });
      if (outcome === 'unconfigured') {
        console.error('No KLUIS_IMAP_URL is set: there is no mailbox to read.');
        process.exitCode = 2;
        return;
      }
      if (outcome === 'leased') {
        console.error('A running Kluis reads the mailbox now (it holds the job lease); it takes new mail in by itself.');
        process.exitCode = 2;
        return;
      }
      console.log(
        `Taken in ${outcome.taken}, refused ${outcome.refused}, read before and only moved ${outcome.recognised}; moved out of the inbox ${outcome.moved}.`,
      );
      if (outcome.failure !== null) {
        console.error(`The pass ended early: ${outcome.failure}. The next pass goes on from there.`);
        process.exitCode = 1;
      }
    });
}

/** `kluis mail inbox …`: the triage inbox, as staff see it in the back office. */
export function mailInboxCommand(): Command {
  const inbox = new Command('inbox').description(
    'Mail from the mailbox waiting for staff: assign it to a case, register it as a request, or discard it',
  );

  inbox
    .command('list')
    .description('The waiting mail, the first to arrive first')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: { limit: string }) => {
      const page = await withRuntime(({ services }) => services.mailbox.inbox.list(cliActor(), { limit: o.limit }));
      printTable(
        page.items.map((i) => ({
          id: i.id,
          arrived: i.receivedAt,
          from: i.from ?? '',
          subject: i.title ?? '',
          why: i.reason,
          attachments: i.attachmentCount,
          authenticated: i.authenticated === null ? '' : i.authenticated ? 'yes' : 'no',
        })),
      );
      console.log(`\n${page.total} waiting.`);
    });

  inbox
    .command('show <id>')
    .description('One waiting mail in full, with its attachments and what DKIM, SPF and DMARC said')
    .action(async (id: string) => {
      const item = await withRuntime(({ services }) => services.mailbox.inbox.get(cliActor(), id));
      const auth = item.mailAuthentication;
      console.log(
        `From: ${item.from ?? ''}\nTo: ${item.to ?? ''}\nSubject: ${item.title ?? ''}\nArrived: ${item.receivedAt}\nWaiting because: ${item.reason}${item.reasonDetail === null ? '' : ` (${item.reasonDetail})`}`,
      );
      if (auth !== null)
        console.log(
          `Authenticated: ${auth.authenticated ? 'yes' : 'no'} (DKIM ${auth.dkim}${auth.dkimDomain === null ? '' : ` by ${auth.dkimDomain}`}, SPF ${auth.spf}, DMARC ${auth.dmarc})`,
        );
      for (const a of item.attachments) console.log(`Attachment: ${a.filename} (${a.contentType}, ${a.sizeBytes} bytes)`);
      console.log(`\n${item.body}`);
    });

  inbox
    .command('assign <id>')
    .description("File the mail as a message of a customer's case (of its request, on a request's case)")
    .requiredOption('--case <id>', 'the case')
    .action(async (id: string, o: { case: string }) => {
      const filed = await withRuntime(({ services }) => services.mailbox.inbox.assign(cliActor(), id, { caseId: o.case }));
      console.log(
        filed.requestId === null
          ? `Filed as message ${filed.messageId ?? ''} of case ${filed.caseId ?? ''}.`
          : `Filed on request ${filed.requestId}${filed.messageId === null ? ' (its details: not verified yet)' : ` as message ${filed.messageId}`}.`,
      );
    });

  inbox
    .command('register <id>')
    .description('Register the mail as a request, received when the mail arrived (Art. 12(3))')
    .addOption(new Option('--kind <kind>', 'what the person asks').choices([...REQUEST_KINDS]).makeOptionMandatory())
    .option('--purpose <purpose>', 'for an objection or a withdrawal of consent: the purpose of the policy it is about')
    .addOption(new Option('--language <language>', 'the language to answer in').choices(['nl', 'en']))
    .option('--name <name>', "the requester's name (default: the sender's)")
    .option('--email <address>', "where the answer goes (default: the sender's address)")
    .action(async (id: string, o: { kind: string; purpose?: string; language?: string; name?: string; email?: string }) => {
      const request = await withRuntime(({ services }) => services.mailbox.inbox.register(cliActor(), id, o));
      console.log(
        `Registered as request ${request.reference} (${request.kind}), received ${request.receivedAt}, due ${request.dueOn}; status ${request.status}.`,
      );
    });

  inbox
    .command('discard <id>')
    .description('Erase the mail and its attachments: not ours to keep')
    .action(async (id: string) => {
      await withRuntime(({ services }) => services.mailbox.inbox.discard(cliActor(), id));
      console.log('Discarded.');
    });

  return inbox;
}
