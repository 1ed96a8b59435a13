import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { printTable, withRuntime } from '../output.ts';

export function userCommand(): Command {
  const user = new Command('user').description('Staff accounts');
  user
    .command('add')
    .description('Create an account; the password is read from the terminal or standard input')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'a role of the policy: dpo, staff or accountant')
    .option('--generate-password', 'generate a strong password and print it once')
    .action(async (o: { email: string; name: string; role: string; generatePassword?: boolean }) => {
      const password = o.generatePassword === true ? randomBytes(18).toString('base64url') : await readPassword();
      const created = await withRuntime(({ services }) =>
        services.users.add(cliActor(), { email: o.email, displayName: o.name, role: o.role, password }),
      );
      console.log(`Created ${created.role} ${created.email} (${created.id}).`);
      if (o.generatePassword === true) console.log(`Password (shown once): ${password}`);
    });
  user
    .command('list')
    .description('List accounts')
    .action(async () => {
      const users = await withRuntime(({ services }) => services.users.list(cliActor()));
      printTable(users.map((u) => ({ email: u.email, name: u.displayName, role: u.role, disabled: u.disabledAt ?? '', lastLogin: u.lastLoginAt ?? '' })));
    });
  user
    .command('disable')
    .description('Disable an account and end its sessions')
    .argument('<email-or-id>')
    .action(async (who: string) => {
      const disabled = await withRuntime(({ services }) => services.users.disable(cliActor(), who));
      console.log(`Disabled ${disabled.email}; its sessions have ended.`);
    });
  user
    .command('password')
    .description('Set a new password for an account (read from the terminal or standard input); its sessions end')
    .argument('<email-or-id>')
    .option('--generate-password', 'generate a strong password and print it once')
    .action(async (who: string, o: { generatePassword?: boolean }) => {
      const password = o.generatePassword === true ? randomBytes(18).toString('base64url') : await readPassword();
      const changed = await withRuntime(({ services }) => services.users.setPassword(cliActor(), who, password));
      console.log(`New password set for ${changed.email}; its sessions have ended and its sign-in lock is lifted.`);
      if (o.generatePassword === true) console.log(`Password (shown once): ${password}`);
    });
  user
    .command('reset-factor')
    .description('Remove the second factor of an account (a lost phone); its sessions end and it enrols again at the next sign-in')
    .argument('<email-or-id>')
    .action(async (who: string) => {
      const reset = await withRuntime(({ services }) => services.secondFactor.reset(cliActor(), who));
      console.log(`Second factor of ${reset.email} removed, with its recovery codes; its sessions have ended.`);
    });
  user
    .command('unlock')
    .description('Lift the sign-in lock of an e-mail address after too many failed attempts')
    .argument('<email>')
    .action(async (email: string) => {
      await withRuntime(({ services }) => services.users.unlock(cliActor(), email));
      console.log(`Sign-ins for ${email} are no longer held back.`);
    });
  return user;
}

/** Reads the password without echoing it on a terminal, or as the first line of piped input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, terminal: false });
    try {
      const line = await rl[Symbol.asyncIterator]().next();
      return typeof line.value === 'string' ? line.value : '';
    } finally {
      rl.close();
    }
  }
  process.stderr.write('Password (at least 12 characters): ');
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let password = '';
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return password;
        if (char === '\u0003') throw new Error('cancelled');
        if (char === '\u007f') password = password.slice(0, -1);
        else password += char;
      }
    }
    return password;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write('\n');
  }
}
