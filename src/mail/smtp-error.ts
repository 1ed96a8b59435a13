/** What an SMTP failure looked like, for the outbox row and the decision to try again. */
export interface SmtpFailure {
  /** One line, no stack: safe to show to staff through the API. */
  message: string;
  /** The server refused the recipient for good (a 5xx to RCPT TO): retrying cannot help. */
  permanent: boolean;
}

const MAX_LENGTH = 500;

/** Reads nodemailer's error (code, responseCode, response) without its stack. */
export function describeSmtpError(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = typeof e.message === 'string' ? e.message : String(error);
  const line = `${code}${status === undefined ? '' : ` ${status}`}: ${text}`.replace(/\s+/g, ' ').trim();
  return {
    message: line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line,
    permanent: code === 'EENVELOPE' && (status === undefined || status >= 500),
  };
}
