import { Command } from 'commander';
import { backupCommand } from './commands/backup.ts';
import { benchCommand } from './commands/bench.ts';
import { breachCommand } from './commands/breach.ts';
import { caseCommand } from './commands/case.ts';
import { demoCommand } from './commands/demo.ts';
import { disclosureCommand } from './commands/disclosure.ts';
import { doctorCommand } from './commands/doctor.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { invoiceCommand } from './commands/invoice.ts';
import { logCommand } from './commands/log.ts';
import { mailCommand } from './commands/mail.ts';
import { migrateCommand } from './commands/migrate.ts';
import { policyCommand } from './commands/policy.ts';
import { registerCommand } from './commands/register.ts';
import { requestCommand } from './commands/request.ts';
import { retentionCommand } from './commands/retention.ts';
import { serveCommand } from './commands/serve.ts';
import { statementCommand } from './commands/statement.ts';
import { userCommand } from './commands/user.ts';
import { reportAndExit } from './output.ts';

const program = new Command()
  .name('kluis')
  .description('Kluis keeps customer data the way the privacy statement promises, and proves it.')
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(userCommand())
  .addCommand(policyCommand())
  .addCommand(registerCommand())
  .addCommand(statementCommand())
  .addCommand(logCommand())
  .addCommand(requestCommand())
  .addCommand(caseCommand())
  .addCommand(invoiceCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(mailCommand())
  .addCommand(retentionCommand())
  .addCommand(disclosureCommand())
  .addCommand(backupCommand())
  .addCommand(doctorCommand())
  .addCommand(breachCommand())
  .addCommand(demoCommand())
  .addCommand(benchCommand());

program.parseAsync(process.argv).catch(reportAndExit);
