import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as it arrived at the test SMTP server. */
export interface ReceivedMail {
  /** The SMTP envelope: MAIL FROM and every RCPT TO, as the client gave them. */
  envelope: { from: string; to: string[] };
  /** The message exactly as it came over the wire (headers and body). */
  raw: string;
  subject: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** The From and To headers as text (`"Sen ICT" <security@senict.nl>`). */
  from: string;
  to: string;
  /** The decoded text and HTML bodies (the HTML is null when the message had none). */
  text: string;
  html: string | null;
  /** The first value of a header, by name in any case; undefined when absent. */
  header(name: string): string | undefined;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL or the mail settings. */
  url: string;
  port: number;
  /** Every message received so far, in order of arrival. */
  messages: ReceivedMail[];
  /** The first message (already there or still to come) that matches; rejects after the timeout. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** A fixed port, to bring a stopped server back where clients expect it; 0 (any free port) by default. */
  port?: number;
  /** Recipients to refuse with `550 mailbox unavailable`, as a real server does for an unknown user. */
  rejectRecipient?: (address: string) => boolean;
}

/**
 * A real SMTP server in the test process (smtp-server), on 127.0.0.1: no TLS, authentication optional,
 * every message kept and parsed. Read what Kluis sent the way a person would receive it:
 *
 * ```ts
 * const smtp = await startTestSmtp();
 * const mail = await smtp.waitFor((m) => m.envelope.to.includes('anna@example.nl'));
 * const code = /\b\d{6}\b/.exec(mail.text)?.[0];
 * await smtp.close();
 * ```
 */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address) === true) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        simpleParser(raw)
          .then((parsed) => {
            messages.push(received(raw, envelope, parsed));
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: (predicate, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find(predicate);
          if (found === undefined) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `No matching mail within ${timeoutMs} ms; received: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function received(raw: string, envelope: { from: string; to: string[] }, parsed: ParsedMail): ReceivedMail {
  const addresses = (value: ParsedMail['to']): string =>
    value === undefined ? '' : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
  return {
    envelope,
    raw,
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? '',
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    header: (name) => {
      const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
      return line === undefined
        ? undefined
        : line
            .slice(line.indexOf(':') + 1)
            .replace(/\r?\n\s+/g, ' ')
            .trim();
    },
    parsed,
  };
}
