import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { Disclosure } from '../../disclosures/disclosure.schema.ts';
import type { RecipientNotice } from '../../disclosures/recipient-notice.schema.ts';
import { cliActor } from '../../guard/actor.ts';
import { printTable, withRuntime } from '../output.ts';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');

const rows = (disclosures: Disclosure[]) =>
  disclosures.map((d) => ({
    id: d.id,
    kind: d.kind,
    // The company by its legal name where the register names it (P9), else the recipient or authority.
    recipient: d.recipient.name.en,
    categories: d.categories.join(' '),
    status: d.status,
    notice: d.notice.status,
    released: d.releasedAt ?? '',
  }));

const noticeRows = (notices: RecipientNotice[]) =>
  notices.map((n) => ({
    id: n.id,
    subject: n.subjectId,
    recipient: n.recipient.id,
    kind: n.kind,
    created: n.createdAt,
    status: n.status,
    resolution: n.resolution ?? n.note ?? '',
  }));

/** Writes a file for a recipient to --out, or to standard output. */
function write(out: string | undefined, file: { filename: string; body: Buffer | string }): void {
  if (out === undefined) {
    process.stdout.write(file.body);
    return;
  }
  fs.writeFileSync(out, file.body, { mode: 0o600 });
  console.error(`Wrote ${file.filename} to ${out}.`);
}

/** `kluis disclosure …`: disclosures (P7-P9), legal demands, the fiscal export and the Art. 19 notices, as the dpo. */
export function disclosureCommand(): Command {
  const disclosure = new Command('disclosure').description(
    'Disclosures to recipients of the register, legal demands, the fiscal export, Art. 19 notices',
  );

  disclosure
    .command('list')
    .description("A subject's disclosure log")
    .argument('<subject>', 'the subject id')
    .action(async (subject: string) => {
      printTable(rows(await withRuntime(({ services }) => services.disclosures.disclosures.listForSubject(cliActor(), subject))));
    });

  disclosure
    .command('awaiting')
    .description(
      'The disclosures of every customer awaiting their advance notice (P9), longest waiting first: the notice and from when each may be released',
    )
    .option('--releasable', 'only those whose notice went out at least the lead time ago')
    .option('--page <n>', 'this page of the list', '1')
    .option('--page-size <n>', 'this many a page (at most 100)', '100')
    .action(async (o: { releasable?: boolean; page: string; pageSize: string }) => {
      const query = { page: o.page, pageSize: o.pageSize, ...(o.releasable === true ? { releasable: 'true' as const } : {}) };
      const found = await withRuntime(({ services }) => services.disclosures.releases.listAwaiting(cliActor(), query));
      printTable(
        found.items.map((d) => ({
          id: d.id,
          customer: d.customerName ?? '(erased)',
          subject: d.subjectId,
          recipient: d.recipient.name.en,
          categories: d.categories.join(' '),
          purpose: d.purpose,
          requested: d.requestedAt,
          notice: d.notice.status === 'sent' ? `sent ${d.notice.sentAt ?? ''}` : d.notice.status,
          'release from': d.releasable ? 'now' : (d.releasableFrom ?? ''),
        })),
      );
      const pages = Math.max(1, Math.ceil(found.total / found.pageSize));
      console.error(`${found.total} disclosure(s) awaiting their notice; page ${found.page} of ${pages}.`);
    });

  disclosure
    .command('make')
    .description("Hand a subject's data to a recipient of the register; waits for the advance notice where the register says so")
    .argument('<subject>', 'the subject id')
    .requiredOption('--recipient <id>', 'the recipient of the register')
    .option(
      '--company <id>',
      'the company of the recipient that gets the data; required where the register names its companies (P9)',
    )
    .option('--purpose <id>', 'the purpose, when the recipient serves more than one')
    .requiredOption('--categories <list>', 'comma-separated data categories, e.g. user.contact.address,user.contact.email')
    .addOption(new Option('--format <format>', 'the export Kluis makes').choices(['json', 'csv']))
    .option('--recorded <description>', 'record a hand-over made another way instead of an export')
    .action(
      async (
        subject: string,
        o: { recipient: string; company?: string; purpose?: string; categories: string; format?: string; recorded?: string },
      ) => {
        const to = {
          recipientId: o.recipient,
          ...(o.company === undefined ? {} : { companyId: o.company }),
          ...(o.purpose === undefined ? {} : { purpose: o.purpose }),
          categories: list(o.categories),
        };
        const input =
          o.recorded === undefined
            ? { ...to, mode: 'export' as const, ...(o.format === undefined ? {} : { format: o.format as 'json' | 'csv' }) }
            : { ...to, mode: 'recorded' as const, description: o.recorded };
        printTable(
          rows([await withRuntime(({ services }) => services.disclosures.disclosures.disclose(cliActor(), subject, input))]),
        );
      },
    );

  disclosure
    .command('legal-demand')
    .description(
      'Record a demand of an authority (Art. 6(1)(c), 23): the person is told unless --suppress-notice names the ground',
    )
    .argument('<subject>', 'the subject id')
    .requiredOption('--authority <name>', 'who demands the data, e.g. Politie Midden-Nederland')
    .requiredOption('--ground <law>', 'the legal ground that obliges us, e.g. art. 126nd Sv')
    .requiredOption('--reference <reference>', "the authority's reference of the demand")
    .requiredOption('--categories <list>', 'comma-separated data categories')
    .option('--recorded <description>', 'how the data was handed over, instead of an export')
    .option('--suppress-notice <ground>', 'the legal ground that forbids telling the person')
    .action(
      async (
        subject: string,
        o: {
          authority: string;
          ground: string;
          reference: string;
          categories: string;
          recorded?: string;
          suppressNotice?: string;
        },
      ) => {
        const input = {
          authority: o.authority,
          legalGround: o.ground,
          reference: o.reference,
          categories: list(o.categories),
          ...(o.recorded === undefined ? {} : { mode: 'recorded' as const, description: o.recorded }),
          ...(o.suppressNotice === undefined ? {} : { suppressNotice: true, suppressionGround: o.suppressNotice }),
        };
        printTable(
          rows([await withRuntime(({ services }) => services.disclosures.disclosures.legalDemand(cliActor(), subject, input))]),
        );
      },
    );

  disclosure
    .command('release')
    .description('Release a disclosure whose notice went out; without an id, every one that is due (as the scheduled job does)')
    .argument('[id]', 'the disclosure id')
    .action(async (id: string | undefined) => {
      await withRuntime(async ({ services }) => {
        if (id !== undefined) {
          printTable(rows([await services.disclosures.releases.release(cliActor(), id)]));
          return;
        }
        const report = await services.disclosures.releases.releaseDue();
        console.log(`Released ${report.released} disclosure(s), cancelled ${report.cancelled}.`);
      });
    });

  disclosure
    .command('cancel')
    .description('Cancel a disclosure that still waits for its notice')
    .argument('<id>', 'the disclosure id')
    .requiredOption('--reason <reason>', 'why')
    .action(async (id: string, o: { reason: string }) => {
      printTable(
        rows([await withRuntime(({ services }) => services.disclosures.releases.cancel(cliActor(), id, { reason: o.reason }))]),
      );
    });

  disclosure
    .command('export')
    .description('The export for the recipient of a released disclosure')
    .argument('<id>', 'the disclosure id')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, o: { out?: string }) => {
      write(o.out, await withRuntime(({ services }) => services.disclosures.releases.exportFile(cliActor(), id)));
    });

  disclosure
    .command('fiscal-export')
    .description('Issued invoices of a period for the accounting firm, logged as a disclosure per person')
    .requiredOption('--from <date>', 'first issue date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last issue date, YYYY-MM-DD')
    .addOption(
      new Option('--format <format>', 'csv, or a zip with the CSV and UBL 2.1 per invoice')
        .choices(['csv', 'zip'])
        .default('csv'),
    )
    .option('--recipient <id>', 'the recipient of the register (default: the one registered for invoice details)')
    .option('--company <id>', 'the accounting firm among its companies (default: its one active company)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (o: { from: string; to: string; format: string; recipient?: string; company?: string; out?: string }) => {
      const input = {
        from: o.from,
        to: o.to,
        format: o.format as 'csv' | 'zip',
        ...(o.recipient === undefined ? {} : { recipientId: o.recipient }),
        ...(o.company === undefined ? {} : { companyId: o.company }),
      };
      const result = await withRuntime(({ services }) => services.disclosures.fiscalExports.export(cliActor(), input));
      write(o.out, result);
      console.error(`${result.invoices} invoice(s); ${result.disclosures} disclosure(s) logged.`);
    });

  disclosure
    .command('notices')
    .description('Art. 19 notices to recipients in a status (queued by default)')
    .addOption(new Option('--status <status>').choices(['queued', 'confirmed', 'impossible']).default('queued'))
    .option('--page <n>', 'this page of the list', '1')
    .action(async (o: { status: 'queued' | 'confirmed' | 'impossible'; page: string }) => {
      const query = { status: o.status, page: o.page, pageSize: 100 };
      const found = await withRuntime(({ services }) => services.disclosures.recipientNotices.list(cliActor(), query));
      printTable(noticeRows(found.items));
    });

  disclosure
    .command('confirm-notice')
    .description('Record that the recipient confirmed an Art. 19 notice')
    .argument('<id>', 'the recipient notice id')
    .option('--note <text>', 'what the recipient said')
    .action(async (id: string, o: { note?: string }) => {
      printTable(
        noticeRows([
          await withRuntime(({ services }) =>
            services.disclosures.recipientNotices.confirm(cliActor(), id, o.note === undefined ? {} : { note: o.note }),
          ),
        ]),
      );
    });

  disclosure
    .command('notice-impossible')
    .description('Record that telling the recipient proved impossible or disproportionate (Art. 19)')
    .argument('<id>', 'the recipient notice id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: { reason: string }) => {
      printTable(
        noticeRows([
          await withRuntime(({ services }) =>
            services.disclosures.recipientNotices.markImpossible(cliActor(), id, { reason: o.reason }),
          ),
        ]),
      );
    });

  return disclosure;
}
