import { inject } from 'vitest';

/** Whether this run has Dovecot (Debian's dovecot-imapd); without it the mailbox tests are skipped. */
export const HAS_DOVECOT = inject('prerequisites').dovecot;

export { type TestDovecot, startTestDovecot } from './dovecot-server.ts';
