import dns from 'node:dns';
import { type DNSResolver, authenticate } from 'mailauth';
import type { MailAuthentication } from '../mail/mail-authentication.schema.ts';

/** Looks a DNS name up (mailauth's resolver: `dns.promises.resolve`'s shape); tests inject their own records. */
export type DnsResolver = DNSResolver;
export type { MailAuthentication };

// A lookup that hangs must not hold the mailbox: a DNS answer takes milliseconds, never this long.
const LOOKUP_TIMEOUT_MS = 5_000;

/** A resolver asking the given DNS servers (KLUIS_MAIL_DNS_SERVERS), or the system's when there are none. */
export function dnsResolver(servers?: string[]): DnsResolver {
  const resolver = new dns.promises.Resolver({ timeout: LOOKUP_TIMEOUT_MS, tries: 2 });
  if (servers !== undefined && servers.length > 0) resolver.setServers(servers);
  return (name, rrtype) => withTimeout(resolver.resolve(name, rrtype) as Promise<string[] | string[][]>, name);
}

const systemResolver = dnsResolver();

function withTimeout(lookup: Promise<string[] | string[][]>, name: string): Promise<string[] | string[][]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`DNS lookup of ${name} timed out`), { code: 'ETIMEOUT' })),
      LOOKUP_TIMEOUT_MS * 2,
    );
    lookup.then(
      (answer) => {
        clearTimeout(timer);
        resolve(answer);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Checks the mail with mailauth as the organisation's mail server received it: SPF for the client address and
 * HELO in the newest Received header (written by that server), DKIM signatures, and DMARC for the From domain.
 * A signal for the dpo, never a proof of identity: identity is still proven by a code to the address on file.
 * A failing check (no DNS, a timeout) gives temperror, which counts as not authenticated.
 */
export async function authenticateMail(raw: Buffer, resolver: DnsResolver = systemResolver): Promise<MailAuthentication> {
  try {
    const result = await authenticate(raw, { trustReceived: true, resolver, mta: 'kluis', disableBimi: true, disableArc: true });
    const signatures = result.dkim.results;
    const passed = signatures.filter((s) => s.status.result === 'pass');
    const aligned = passed.find((s) => typeof s.status.aligned === 'string' && s.status.aligned !== '');
    const dmarc = result.dmarc === false ? 'none' : result.dmarc.status.result;
    const fromDomain = result.dmarc === false ? null : (result.dmarc.status.header?.from ?? null);
    return {
      authenticated: aligned !== undefined || dmarc === 'pass',
      dmarcFailed: dmarc === 'fail',
      fromDomain,
      dkim: passed.length > 0 ? 'pass' : (signatures[0]?.status.result ?? 'none'),
      dkimDomain: (aligned ?? passed[0] ?? signatures[0])?.signingDomain ?? null,
      dkimAligned: aligned !== undefined,
      spf: result.spf === false ? 'none' : result.spf.status.result,
      dmarc,
    };
  } catch {
    return {
      authenticated: false,
      dmarcFailed: false,
      fromDomain: null,
      dkim: 'temperror',
      dkimDomain: null,
      dkimAligned: false,
      spf: 'temperror',
      dmarc: 'temperror',
    };
  }
}
