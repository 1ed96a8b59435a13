import { type Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import type { Recipient } from '../../registers/recipient.schema.ts';
import { printTable, withRuntime } from '../output.ts';

const agreementText = (a: Recipient['agreement']): string =>
  a === null ? 'none' : `${a.documentReference} (signed ${a.signedOn}${a.expiresOn === null ? '' : `, expires ${a.expiresOn}`})`;

/** One row per recipient category, and one per company in it, with the processor agreement in force. */
function rows(recipients: Recipient[]) {
  return recipients.flatMap((r) => [
    {
      recipient: r.id,
      company: '',
      name: r.name.en,
      kvk: '',
      country: r.country,
      role: r.role,
      purposes: r.purposes.join(' '),
      active: r.active ? 'yes' : 'no',
      agreement: r.companies.length > 0 ? '' : agreementText(r.agreement),
    },
    ...r.companies.map((c) => ({
      recipient: r.id,
      company: c.id,
      name: c.legalName,
      kvk: c.kvkNumber ?? '',
      country: c.country,
      role: c.role,
      purposes: '',
      active: c.active ? 'yes' : 'no',
      agreement: agreementText(c.agreement),
    })),
  ]);
}

/**
 * `kluis register recipients | company-add | company-retire | company-reactivate | agreement`: the register of
 * recipients and the companies within each category (P7, P9), kept as the dpo, each change logged with history.
 */
export function addRecipientCommands(register: Command): void {
  register
    .command('recipients')
    .description('The register of recipients: each category, the companies in it, and the processor agreement in force')
    .action(async () => {
      printTable(rows(await withRuntime(({ services }) => services.recipients.list(cliActor()))));
    });

  register
    .command('company-add')
    .description('Add a company to a recipient category (P9: the person is told which company gets the data)')
    .argument('<recipient>', 'the recipient category, e.g. leveranciers')
    .requiredOption('--id <id>', 'a short id for the company, e.g. pakketdienst')
    .requiredOption('--legal-name <name>', 'the legal name, e.g. "Pakketdienst Utrecht B.V."')
    .option('--kvk <number>', 'the eight digits of its KvK number; required for a company in the Netherlands')
    .requiredOption('--country <code>', 'ISO country code, e.g. NL')
    .addOption(
      new Option('--role <role>', 'processor (Art. 28) or independent controller')
        .choices(['processor', 'controller'])
        .makeOptionMandatory(),
    )
    .option('--transfer-mechanism <term>', 'outside the EEA: e.g. dpv:StandardContractualClauses')
    .option('--contact-email <address>', 'where Art. 19 notices go')
    .action(
      async (
        recipient: string,
        o: {
          id: string;
          legalName: string;
          kvk?: string;
          country: string;
          role: 'processor' | 'controller';
          transferMechanism?: string;
          contactEmail?: string;
        },
      ) => {
        const input = {
          id: o.id,
          legalName: o.legalName,
          country: o.country,
          role: o.role,
          ...(o.kvk === undefined ? {} : { kvkNumber: o.kvk }),
          ...(o.transferMechanism === undefined ? {} : { transferMechanism: o.transferMechanism }),
          ...(o.contactEmail === undefined ? {} : { contactEmail: o.contactEmail }),
        };
        printTable(rows([await withRuntime(({ services }) => services.companies.add(cliActor(), recipient, input))]));
      },
    );

  for (const [name, active] of [
    ['company-retire', false],
    ['company-reactivate', true],
  ] as const) {
    register
      .command(name)
      .description(
        active
          ? 'Put a retired company back in use'
          : 'Take a company out of use; it is never deleted, disclosures keep naming it',
      )
      .argument('<recipient>', 'the recipient category')
      .argument('<company>', 'the company id')
      .action(async (recipient: string, company: string) => {
        const params = { id: recipient, companyId: company };
        printTable(
          rows([
            await withRuntime(({ services }) =>
              active ? services.companies.reactivate(cliActor(), params) : services.companies.retire(cliActor(), params),
            ),
          ]),
        );
      });
  }

  register
    .command('agreement')
    .description(
      'Record a processor agreement (Art. 28(3)) with a recipient, or with one of its companies; it supersedes the one in force',
    )
    .argument('<recipient>', 'the recipient category, e.g. microsoft')
    .option('--company <id>', 'the company it was signed with, e.g. microsoft-ireland')
    .requiredOption('--signed-on <date>', 'YYYY-MM-DD')
    .option('--expires-on <date>', 'YYYY-MM-DD')
    .requiredOption('--reference <text>', 'the reference of the document')
    .action(async (recipient: string, o: { company?: string; signedOn: string; expiresOn?: string; reference: string }) => {
      const input = {
        signedOn: o.signedOn,
        documentReference: o.reference,
        ...(o.expiresOn === undefined ? {} : { expiresOn: o.expiresOn }),
      };
      const changed = await withRuntime(({ services }) =>
        o.company === undefined
          ? services.recipients.recordAgreement(cliActor(), recipient, input)
          : services.companies.recordAgreement(cliActor(), { id: recipient, companyId: o.company }, input),
      );
      printTable(rows([changed]));
    });
}
