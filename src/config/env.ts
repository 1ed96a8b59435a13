import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { decodeMailKey } from '../mail/mail-secrets.ts';
import { parseMailbox } from '../mail/mailbox.ts';
import { parseClamdUrl } from '../scanner/clamd-address.ts';
import { type InvoicingConfig, iban, kvkNumber, reminderSchedule, vatNumber } from './invoicing-config.ts';

// proxy-addr's names for address ranges, as Fastify's trustProxy takes them.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string): boolean => {
  const [address = '', bits, ...rest] = entry.split('/');
  if (PROXY_RANGES.has(entry)) return true;
  const version = isIP(address);
  return (
    version !== 0 &&
    rest.length === 0 &&
    (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)))
  );
};

/**
 * KLUIS_TRUST_PROXY: `true` (every proxy), `false`, a number of proxy hops, or the proxies' addresses
 * (IP, CIDR, `loopback`…), comma-separated. Only a trusted proxy's X-Forwarded-* headers are believed.
 */
const trustProxy = z
  .string()
  .transform((v) => v.trim())
  .refine(
    (v) => v === 'true' || v === 'false' || /^\d+$/.test(v) || v.split(',').every((e) => isProxyAddress(e.trim())),
    'must be true, false, a number of hops, or comma-separated proxy addresses (IP, CIDR, loopback)',
  )
  .transform((v): boolean | number | string[] =>
    v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((e) => e.trim()),
  );

// An IMAP folder name: printable, no wildcards (% and * mean "any" in LIST).
const folderName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f%*]+$/, 'must be a folder name without control characters, % or *');

/** The environment Kluis reads, parsed once at start-up. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  KLUIS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KLUIS_POLICY: z.string().min(1).default('policy/sen-ict.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Where mail goes out; without it, messages wait in the outbox, readable through the API.
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      hostname: /./,
      error: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.nl:587',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .refine((v) => parseMailbox(v) !== null, 'must be an address or "Name" <address>')
    .optional(),
  // The address people reach Kluis at, for links in mail (the verification link of a request, a download
  // link); configured, never taken from a request's Host header, which anyone can set.
  KLUIS_PUBLIC_URL: z
    .url({ protocol: /^https?$/, hostname: /./, error: 'must be an http(s):// URL such as https://kluis.senict.nl' })
    .optional(),
  // The age recipient backups are encrypted to (`kluis backup keygen`); the private key is never stored here.
  KLUIS_BACKUP_RECIPIENT: z
    .string()
    .regex(/^age1[0-9a-z]+$/, 'must be an age recipient (age1…) from `kluis backup keygen`')
    .optional(),
  KLUIS_BACKUP_DIR: z.string().min(1).optional(),
  KLUIS_BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  KLUIS_TRUST_PROXY: trustProxy.optional(),
  // The key that seals the codes and links of queued mail (32 bytes, 64 hex digits or base64); without it,
  // mail.key in the data directory, written at the first start. Instances sharing a database share the key.
  KLUIS_MAIL_KEY: z
    .string()
    .refine((v) => decodeMailKey(v) !== undefined, 'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)')
    .optional(),
  // P9: how long the advance notice of a disclosure goes out before the data does, in hours. "Vooraf" means the
  // person can still ask or object before the data goes: three days by default (0: right after the notice).
  KLUIS_DISCLOSURE_NOTICE_LEAD_HOURS: z.coerce.number().min(0).max(8760).default(72),
  // Records the retention sweep deletes per transaction (default 2000 on SQLite, 1000 on PostgreSQL): lower
  // it if requests that write must never wait the few tens of milliseconds a batch holds SQLite's write lock.
  KLUIS_RETENTION_BATCH: z.coerce.number().int().min(1).max(100_000).optional(),
  // Art. 18(3): days between the delivered notice that a restriction will be lifted and the lifting itself.
  KLUIS_RESTRICTION_LIFT_NOTICE_DAYS: z.coerce.number().min(0).max(365).default(14),
  // Reminders by mail: a request whose deadline is this many days away (or past) is reminded of, once.
  KLUIS_REMINDER_DEADLINE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  // ClamAV's daemon, which scans every file before it is stored (statement: "antivirusscanners"); without it
  // files are stored unscanned and the self-check reports the measure as not met.
  KLUIS_CLAMD_URL: z
    .string()
    .refine(
      (v) => parseClamdUrl(v) !== null,
      'must be tcp://host:port or unix:///path/to/clamd.ctl, such as tcp://127.0.0.1:3310',
    )
    .optional(),
  // The organisation's mailbox, read over IMAP (issue 17); without it, mail reaches Kluis only as an .eml import.
  KLUIS_IMAP_URL: z
    .url({
      protocol: /^imaps?$/,
      hostname: /./,
      error: 'must be an imaps:// (or imap://) URL such as imaps://privacy%40senict.nl:password@outlook.office365.com:993',
    })
    .optional(),
  KLUIS_IMAP_INBOX: folderName.default('INBOX'),
  KLUIS_IMAP_HANDLED_FOLDER: folderName.default('Kluis/Verwerkt'),
  KLUIS_IMAP_REFUSED_FOLDER: folderName.default('Kluis/Geweigerd'),
  KLUIS_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  KLUIS_IMAP_MAX_MAIL_MB: z.coerce.number().min(1).max(200).default(25),
  // The DNS servers DKIM, SPF and DMARC of incoming mail are checked with (a validating resolver of your own);
  // the system's by default.
  KLUIS_MAIL_DNS_SERVERS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .refine(
      (list) =>
        list.length > 0 && list.every((s) => isIP(s.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1')) !== 0),
      'must be DNS server addresses (IP, or IP:port), comma-separated',
    )
    .optional(),
  // DKIM-signing of outgoing mail: the private key (PEM), the selector its public key is published under
  // (<selector>._domainkey.<domain>), and the domain (the sender's by default).
  KLUIS_DKIM_KEY_FILE: z.string().min(1).optional(),
  KLUIS_DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'must be a DNS label such as kluis2026')
    .default('kluis'),
  KLUIS_DKIM_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as senict.nl')
    .optional(),
  // The seller on every invoice (art. 35a Wet OB): name and address default to the policy's controller.
  KLUIS_SELLER_NAME: z.string().trim().min(1).max(200).optional(),
  KLUIS_SELLER_KVK: kvkNumber.optional(),
  KLUIS_SELLER_VAT_NUMBER: vatNumber.optional(),
  KLUIS_SELLER_IBAN: iban.optional(),
  KLUIS_SELLER_LOGO: z.string().min(1).optional(),
  KLUIS_PAYMENT_TERM_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  KLUIS_INVOICE_REMINDER_DAYS: reminderSchedule.optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  policyPath: string;
  logLevel: Env['LOG_LEVEL'];
  /** The SMTP server to deliver the outbox to; undefined: nothing is sent. */
  smtpUrl: string | undefined;
  /** The From of every message; undefined: the controller's name and e-mail from the policy. */
  mailFrom: string | undefined;
  /** Where links in mail point to; undefined: mail carries codes, no links. */
  publicUrl: string | undefined;
  /** KLUIS_MAIL_KEY as given; undefined: the key file in the data directory (loadMailKey). */
  mailKey: string | undefined;
  /** The age recipient of backups; undefined: `kluis backup create` refuses. */
  backupRecipient: string | undefined;
  /** Where backups are written; default <data dir>/backups. */
  backupDir: string;
  /** How many backups to keep; older ones are deleted after each new one. */
  backupKeep: number;
  /** Which proxies in front of Kluis to believe (false: none, the peer is the client). */
  trustProxy: boolean | number | string[];
  /** The lead time between the advance notice of a disclosure and the data going out (P9), in hours. */
  disclosureNoticeLeadHours: number;
  /** Records the retention sweep deletes per transaction; undefined: the dialect's default (sweep.ts). */
  retentionBatch: number | undefined;
  /** Days between the delivered notice of Art. 18(3) and lifting a restriction. */
  restrictionLiftNoticeDays: number;
  /** A request's deadline this many days ahead is reminded of. */
  reminderDeadlineDays: number;
  /** Where clamd listens (tcp:// or unix://); undefined: files are stored unscanned. */
  clamdUrl: string | undefined;
  /** The mailbox read over IMAP; undefined: no mailbox is read. */
  imap: ImapConfig | undefined;
  /** DKIM-signing of outgoing mail; undefined: mail goes out unsigned. */
  dkim: DkimConfig | undefined;
  /** The seller on invoices, the payment term and the reminder schedule (src/invoices/invoicing-settings.ts). */
  invoicing: InvoicingConfig;
}

export interface ImapConfig {
  /** imaps://user:pass@host:port (imap:// only for a server on the same machine, as the tests run). */
  url: string;
  /** The folder new mail arrives in. */
  inbox: string;
  /** Where handled mail is moved to. */
  handledFolder: string;
  /** Where mail Kluis could not take in (too large, unreadable) is moved to, for a person to look at. */
  refusedFolder: string;
  pollSeconds: number;
  /** Mail larger than this is not downloaded: it is recorded as refused and moved to the refused folder. */
  maxMailBytes: number;
  /** The DNS servers for DKIM, SPF and DMARC; undefined: the system's. */
  dnsServers: string[] | undefined;
}

export interface DkimConfig {
  keyFile: string;
  selector: string;
  /** undefined: the domain of the sender (MAIL_FROM, or the controller's address). */
  domain: string | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws a ConfigError that lists every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= kluis serve` means "no value".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KLUIS_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    policyPath: path.resolve(e.KLUIS_POLICY),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.KLUIS_PUBLIC_URL,
    mailKey: e.KLUIS_MAIL_KEY,
    backupRecipient: e.KLUIS_BACKUP_RECIPIENT,
    backupDir: path.resolve(e.KLUIS_BACKUP_DIR ?? path.join(e.KLUIS_DATA_DIR, 'backups')),
    backupKeep: e.KLUIS_BACKUP_KEEP,
    trustProxy: e.KLUIS_TRUST_PROXY ?? false,
    disclosureNoticeLeadHours: e.KLUIS_DISCLOSURE_NOTICE_LEAD_HOURS,
    retentionBatch: e.KLUIS_RETENTION_BATCH,
    restrictionLiftNoticeDays: e.KLUIS_RESTRICTION_LIFT_NOTICE_DAYS,
    reminderDeadlineDays: e.KLUIS_REMINDER_DEADLINE_DAYS,
    clamdUrl: e.KLUIS_CLAMD_URL,
    imap:
      e.KLUIS_IMAP_URL === undefined
        ? undefined
        : {
            url: e.KLUIS_IMAP_URL,
            inbox: e.KLUIS_IMAP_INBOX,
            handledFolder: e.KLUIS_IMAP_HANDLED_FOLDER,
            refusedFolder: e.KLUIS_IMAP_REFUSED_FOLDER,
            pollSeconds: e.KLUIS_IMAP_POLL_SECONDS,
            maxMailBytes: Math.round(e.KLUIS_IMAP_MAX_MAIL_MB * 1024 * 1024),
            dnsServers: e.KLUIS_MAIL_DNS_SERVERS,
          },
    dkim:
      e.KLUIS_DKIM_KEY_FILE === undefined
        ? undefined
        : { keyFile: path.resolve(e.KLUIS_DKIM_KEY_FILE), selector: e.KLUIS_DKIM_SELECTOR, domain: e.KLUIS_DKIM_DOMAIN },
    invoicing: {
      sellerName: e.KLUIS_SELLER_NAME,
      kvk: e.KLUIS_SELLER_KVK,
      vatNumber: e.KLUIS_SELLER_VAT_NUMBER,
      iban: e.KLUIS_SELLER_IBAN,
      logoFile: e.KLUIS_SELLER_LOGO === undefined ? undefined : path.resolve(e.KLUIS_SELLER_LOGO),
      paymentTermDays: e.KLUIS_PAYMENT_TERM_DAYS,
      reminderDays: e.KLUIS_INVOICE_REMINDER_DAYS,
    },
  };
}
