import fs from 'node:fs';
import { Command } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { printTable, withRuntime } from '../output.ts';

const euros = (cents: number) => (cents / 100).toFixed(2);

/** Invoices that go out: the PDF and UBL, sending, payments, overdue invoices and reminders. */
export function invoiceCommand(): Command {
  const invoice = new Command('invoice').description(
    'Invoices that go out: PDF and UBL, sending by mail, payments, overdue invoices and reminders',
  );
  invoice
    .command('pdf')
    .description('Write the PDF of an invoice (a draft marked as draft); the same bytes every time')
    .argument('<id>', 'the invoice')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (id: string, o: { out: string }) => {
      const file = await withRuntime(({ services }) => services.invoiceMail.pdf(cliActor(), id));
      fs.writeFileSync(o.out, file.content, { mode: 0o600 });
      console.log(`Wrote ${file.filename} (${file.content.length} bytes) to ${o.out}.`);
    });
  invoice
    .command('ubl')
    .description('Write the UBL 2.1 of an issued invoice (Peppol BIS Billing 3.0, NLCIUS)')
    .argument('<id>', 'the invoice')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (id: string, o: { out: string }) => {
      const file = await withRuntime(({ services }) => services.invoiceMail.ubl(cliActor(), id));
      fs.writeFileSync(o.out, file.content, { mode: 0o600 });
      console.log(`Wrote ${file.filename} to ${o.out}.`);
    });
  invoice
    .command('send')
    .description("Mail an issued invoice to the customer's address with its PDF and UBL attached (through the outbox)")
    .argument('<id>', 'the invoice')
    .action(async (id: string) => {
      const sent = await withRuntime(({ services }) => services.invoiceMail.send(cliActor(), id));
      console.log(`Queued for ${sent.to} (outbox message ${sent.messageId}).`);
    });
  invoice
    .command('pay')
    .description('Record a payment received on an issued invoice')
    .argument('<id>', 'the invoice')
    .requiredOption('--amount <euros>', 'the amount received, in euros with a decimal point: 1234.56')
    .requiredOption('--on <date>', 'the day it was received, YYYY-MM-DD')
    .option('--reference <text>', "the bank's reference")
    .action(async (id: string, o: { amount: string; on: string; reference?: string }) => {
      const amountCents = /^\d+(\.\d{1,2})?$/.test(o.amount) ? Math.round(Number(o.amount) * 100) : Number.NaN;
      const recorded = await withRuntime(({ services }) =>
        services.payments.record(cliActor(), id, {
          amountCents,
          paidOn: o.on,
          ...(o.reference === undefined ? {} : { reference: o.reference }),
        }),
      );
      const p = recorded.invoice.payment;
      console.log(
        `Recorded ${euros(recorded.payment.amountCents)}; invoice ${recorded.invoice.number ?? id} is ${p?.status ?? '?'} with ${euros(p?.outstandingCents ?? 0)} outstanding.`,
      );
    });
  invoice
    .command('overdue')
    .description('Issued invoices past their due date with an amount outstanding, longest overdue first')
    .action(async () => {
      const rows = await withRuntime(({ services }) => services.payments.overdue(cliActor()));
      printTable(
        rows.map((i) => ({
          number: i.number ?? '',
          due: i.dueDate ?? '',
          customer: i.billing.name,
          outstanding: euros(i.payment?.outstandingCents ?? 0),
          id: i.id,
        })),
      );
    });
  invoice
    .command('remind')
    .description('Mail a payment reminder for an overdue invoice (a paid one is refused)')
    .argument('<id>', 'the invoice')
    .action(async (id: string) => {
      const sent = await withRuntime(({ services }) => services.invoiceMail.remind(cliActor(), id));
      console.log(`Reminder queued for ${sent.to} (outbox message ${sent.messageId}).`);
    });
  return invoice;
}
