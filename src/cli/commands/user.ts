import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { printTable, withRuntime } from '../output.ts';

export function userCommand(): Command {
  const user = new Command('user').description('Staff accounts');
  user
    .command('add')
    .description(
      'Create an account; the password is read from the terminal or standard input, or the person is invited by mail to choose it (--invite)',
    )
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'a role of the policy: dpo, staff or accountant')
    .option('--invite', 'send an invitation by mail with a link to choose a password (needs KLUIS_PUBLIC_URL and SMTP)')
    .addOption(new Option('--language <language>', 'language of the invitation mail').choices(['nl', 'en']).default('nl'))
    .option('--generate-password', 'generate a strong password and print it once; its owner must change it at the first sign-in')
    .option('--temporary', 'the owner must change the password at the first sign-in (you are passing it on)')
    .action(
      async (o: {
        email: string;
        name: string;
        role: string;
        invite?: boolean;
        language: 'nl' | 'en';
        generatePassword?: boolean;
        temporary?: boolean;
      }) => {
        if (o.invite === true) {
          const invited = await withRuntime(({ services }) =>
            services.users.add(cliActor(), { email: o.email, displayName: o.name, role: o.role, language: o.language }),
          );
          console.log(
            `Created ${invited.role} ${invited.email}; an invitation to choose a password is in the outbox, valid until ${invited.invitedUntil ?? '?'}.`,
          );
          return;
        }
        const password = o.generatePassword === true ? randomBytes(18).toString('base64url') : await readPassword();
        const temporary = o.generatePassword === true || o.temporary === true;
        const created = await withRuntime(({ services }) =>
          services.users.add(cliActor(), { email: o.email, displayName: o.name, role: o.role, password }, { temporary }),
        );
        console.log(`Created ${created.role} ${created.email} (${created.id}).`);
        if (o.generatePassword === true) console.log(`Password (shown once): ${password}`);
        if (temporary) console.log('The password must be changed at the first sign-in.');
      },
    );
  user
    .command('invite')
    .description('Invite the person of an account again by mail to choose a password (an earlier invitation stops working)')
    .argument('<email-or-id>')
    .addOption(new Option('--language <language>', 'language of the invitation mail').choices(['nl', 'en']).default('nl'))
    .action(async (who: string, o: { language: 'nl' | 'en' }) => {
      const invited = await withRuntime(({ services }) => services.users.reinvite(cliActor(), who, o.language));
      console.log(`Invited ${invited.email} again; the invitation is valid until ${invited.invitedUntil ?? '?'}.`);
    });
  user
    .command('list')
    .description('List accounts')
    .action(async () => {
      const users = await withRuntime(({ services }) => services.users.list(cliActor()));
      printTable(
        users.map((u) => ({
          email: u.email,
          name: u.displayName,
          role: u.role,
          disabled: u.disabledAt ?? '',
          lastLogin: u.lastLoginAt ?? '',
        })),
      );
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
    .option('--generate-password', 'generate a strong password and print it once; its owner must change it at the next sign-in')
    .option('--temporary', 'the owner must change the password at the next sign-in (you are passing it on)')
    .action(async (who: string, o: { generatePassword?: boolean; temporary?: boolean }) => {
      const password = o.generatePassword === true ? randomBytes(18).toString('base64url') : await readPassword();
      const temporary = o.generatePassword === true || o.temporary === true;
      const changed = await withRuntime(({ services }) => services.users.setPassword(cliActor(), who, password, { temporary }));
      console.log(`New password set for ${changed.email}; its sessions have ended and its sign-in lock is lifted.`);
      if (o.generatePassword === true) console.log(`Password (shown once): ${password}`);
      if (temporary) console.log('It must be changed at the next sign-in.');
    });
  user
    .command('reset-factor')
    .description(
      'Remove the second factor of an account (a lost phone); its sessions end and it enrols again at the next sign-in',
    )
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
