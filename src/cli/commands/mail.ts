import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { OUTBOX_STATUSES, type OutboxQuery } from '../../mail/outbox.schema.ts';
import { MAIL_TEXT_DAYS } from '../../retention/rules/own-periods.ts';
import { businessDate } from '../../shared/business-day.ts';
import { longDate } from '../../statement/dates.ts';
import { printTable, withRuntime } from '../output.ts';
import { mailInboxCommand, mailReadCommand } from './mail-inbox.ts';

export function mailCommand(): Command {
  const mail = new Command('mail').description(
    'The outbox: messages to people, and their delivery over SMTP (SMTP_URL); the mailbox read over IMAP (KLUIS_IMAP_URL) and its triage inbox',
  );
  mail.addCommand(mailReadCommand());
  mail.addCommand(mailInboxCommand());

  mail
    .command('send')
    .description('Deliver every message that is due, once, and print what happened')
    .action(async () => {
      const { report, summary } = await withRuntime(async ({ services }) => ({
        report: await services.mailDelivery.deliverDue(),
        summary: await services.outbox.summary(),
      }));
      if (!report.configured) {
        console.error(
          `No SMTP_URL is set: nothing was sent. ${summary.counts.pending ?? 0} message(s) wait in the outbox (kluis mail list).`,
        );
        process.exitCode = 2;
        return;
      }
      console.log(`Sent ${report.sent}, to retry later ${report.retrying}, given up ${report.failed}.`);
      if (report.recovered > 0) console.log(`Taken back from stopped instances: ${report.recovered}.`);
      console.log(`Outbox now: ${counts(summary.counts)}.`);
    });

  mail
    .command('list')
    .description('Messages newest first, with their delivery state')
    .addOption(new Option('--status <status>', 'only messages in this state').choices(OUTBOX_STATUSES))
    .option('--limit <n>', 'at most this many', '50')
    .action(async (options: { status?: OutboxQuery['status']; limit: string }) => {
      const { page, summary } = await withRuntime(async ({ services }) => ({
        page: await services.outbox.list(cliActor(), { status: options.status, limit: options.limit }),
        summary: await services.outbox.summary(),
      }));
      printTable(
        page.messages.map((m) => ({
          id: m.id,
          created: m.createdAt,
          status: m.status,
          attempts: m.attempts,
          to: m.to ?? '(restricted)',
          title: m.title,
          'last error': m.lastError ?? '',
        })),
      );
      console.log(
        `\nOutbox: ${counts(summary.counts)}.${summary.deliveryConfigured ? '' : ' No SMTP_URL is set: nothing is sent.'}`,
      );
    });

  mail
    .command('show <id>')
    .description('One message in full; a code or link in it shows as a placeholder: only delivery puts it in')
    .action(async (id: string) => {
      const m = await withRuntime(({ services }) => services.outbox.get(cliActor(), id));
      console.log(
        `To: ${m.to}\nSubject: ${m.title}\nStatus: ${m.status} (${m.attempts} attempt(s))${m.lastError === null ? '' : `\nLast error: ${m.lastError}`}\n`,
      );
      console.log(m.textRemovedAt !== null ? removedLine(m.textRemovedAt) : (m.text ?? '(restricted, Art. 18)'));
    });

  return mail;
}

/** Art. 5(1)(e): what `show` says of a message whose text is gone. */
const removedLine = (at: string): string =>
  `(The text was removed on ${longDate(businessDate(at), 'en')}, ${MAIL_TEXT_DAYS} days after the message was delivered or given up. What is kept: to whom, the subject, when and the status.)`;

const counts = (c: Record<string, number>): string => OUTBOX_STATUSES.map((s) => `${c[s] ?? 0} ${s}`).join(', ');
