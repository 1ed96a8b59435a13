import { Command, Option } from 'commander';
import type { Breach } from '../../breaches/breach.schema.ts';
import { cliActor } from '../../guard/actor.ts';
import { printTable, withRuntime } from '../output.ts';

export function breachCommand(): Command {
  const breach = new Command('breach').description('The breach register (Art. 33(5) GDPR); record and notify through the API');

  breach
    .command('list')
    .description('Every breach, most recent first, with the 72-hour clock (Art. 33(1))')
    .addOption(new Option('--open', 'only breaches whose notification to the authority is still due'))
    .action(async (o: { open?: boolean }) => {
      const breaches = await withRuntime(({ services }) =>
        services.breaches.list(cliActor(), o.open === true ? { open: 'true' } : {}),
      );
      printTable(
        breaches.map((b) => ({
          id: b.id,
          'became aware': b.becameAwareAt,
          risk: b.risk,
          clock: b.clock.state,
          deadline: b.clock.deadline,
          'hours left': b.clock.hoursLeft ?? '',
          notifications: b.notifications.map((n) => n.phase).join(', '),
          persons: b.approxSubjects,
        })),
      );
      const overdue = breaches.filter((b) => b.clock.state === 'overdue').length;
      if (overdue > 0) console.error(`\n${overdue} breach(es) past the 72 hours without a notification to the authority.`);
    });

  breach
    .command('show <id>')
    .description('One breach in full: facts, clock, notifications, exemption and letters')
    .option('--json', 'print it as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const b = await withRuntime(({ services }) => services.breaches.get(cliActor(), id));
      if (o.json === true) console.log(JSON.stringify(b, null, 2));
      else console.log(describe(b));
    });

  return breach;
}

function describe(b: Breach): string {
  const clock = b.clock.hoursLeft === null ? b.clock.state : `${b.clock.state}, ${b.clock.hoursLeft} hours left`;
  const lines = [
    `Breach ${b.id}`,
    `Became aware: ${b.becameAwareAt}   deadline to notify (72 h): ${b.clock.deadline} (${clock})`,
    `Risk: ${b.risk}   persons: about ${b.approxSubjects} (${b.subjectCategories.join(', ')})   records: about ${b.approxRecords}`,
    `Data: ${b.dataCategories.join(', ')}`,
    '',
    `What happened:\n  ${b.description}`,
    `Likely consequences:\n  ${b.consequences}`,
    `Measures:\n  ${b.measures}`,
    '',
    'Notifications to the authority:',
    ...(b.notifications.length === 0
      ? ['  (none)']
      : b.notifications.map(
          (n) => `  ${n.notifiedAt}  ${n.phase.padEnd(9)}  ${n.reference}${n.late ? `  LATE: ${n.lateReason ?? ''}` : ''}`,
        )),
    b.exemption === null
      ? `Letters (Art. 34): ${b.letters.queued} queued, ${b.letters.sent} sent, ${b.letters.failed} failed`
      : `Art. 34(3) exemption: ${b.exemption.ground}: ${b.exemption.motivation}${b.exemption.publicNotice === null ? '' : ` (public notice ${b.exemption.publicNotice.publishedOn}, ${b.exemption.publicNotice.where})`}`,
  ];
  return lines.join('\n');
}
