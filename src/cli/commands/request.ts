import fs from 'node:fs';
import { Command, Option } from 'commander';
import { validationFailed } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { MAX_EML_BYTES } from '../../mail/eml.ts';
import { REQUEST_STATUSES } from '../../rights/request-status.ts';
import { printTable, withRuntime } from '../output.ts';
import { businessDate } from '../../shared/business-day.ts';

export function requestCommand(): Command {
  const request = new Command('request').description('Requests of data subjects (Art. 12-22), questions and complaints');
  request
    .command('list')
    .description('Requests by deadline, earliest first: the target date and its legal end; overdue ones marked (Art. 12(3))')
    .addOption(new Option('--status <status>', 'only requests with this status').choices([...REQUEST_STATUSES]))
    .option('--overdue', 'only overdue requests')
    .option('--page <n>', 'this page of the list', '1')
    .option('--page-size <n>', 'this many a page (at most 100)', '100')
    .action(async (o: { status?: string; overdue?: boolean; page: string; pageSize: string }) => {
      const query = { status: o.status, page: o.page, pageSize: o.pageSize, ...(o.overdue === true ? { overdue: 'true' } : {}) };
      const found = await withRuntime(({ services }) => services.rights.requests.list(cliActor(), query));
      printTable(
        found.items.map((r) => ({
          target: r.deadline,
          'legal end': r.legalEnd,
          overdue: r.overdue ? 'OVERDUE' : '',
          reference: r.reference,
          kind: r.kind,
          status: r.status,
          channel: r.channel,
          received: businessDate(r.receivedAt),
          requester: r.requesterName,
          // The customer the request was matched to; empty while it is matched to none (or may not be named).
          customer: r.customerName ?? '',
        })),
      );
    });
  request
    .command('import-eml')
    .description(
      'Import a mail (.eml) as a message of a request: into its case once verified, else into its details; attachments are never kept',
    )
    .argument('<file>', 'the .eml file, as saved from the mail program')
    .requiredOption('--request <id-or-reference>', 'the request, by id or reference (V-2026-…)')
    .action(async (file: string, o: { request: string }) => {
      const size = fs.statSync(file).size;
      if (size > MAX_EML_BYTES) throw validationFailed(`${file} is ${size} bytes; the limit is ${MAX_EML_BYTES}`);
      const raw = fs.readFileSync(file);
      const imported = await withRuntime(async ({ services }) => {
        const id = /^V-/i.test(o.request)
          ? (await services.rights.requests.findByReference(cliActor(), o.request.toUpperCase())).id
          : o.request;
        return services.rights.mailImport.importEml(cliActor(), id, raw);
      });
      const where =
        imported.storedAs === 'case_message'
          ? `as message ${imported.messageId ?? ''} of case ${imported.caseId ?? ''}`
          : 'into the details of the request (not verified yet)';
      console.log(`Imported "${imported.title ?? '(no subject)'}" from ${imported.from ?? '?'} ${where}.`);
      const dropped = imported.attachmentsDropped;
      // Never kept on a request, verified or not: an attachment may be a copy of an identity document.
      if (dropped.count > 0)
        console.log(
          `Attachments not kept: ${dropped.count} (${[...new Set(dropped.types)].join(', ')}); Kluis keeps no attachments to requests.`,
        );
    });
  return request;
}
