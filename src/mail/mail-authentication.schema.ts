import { z } from 'zod';

/**
 * What the sender's domain says about a mail that came in: DKIM, SPF and DMARC (checked with mailauth in
 * src/mailbox/mail-authentication.ts), and what Kluis concludes. A signal for the dpo, never a proof of identity.
 */
export const mailAuthenticationSchema = z.object({
  /** A DKIM signature of the From domain (relaxed alignment) verified, or DMARC passed. */
  authenticated: z.boolean(),
  /** DMARC failed: the From address may be forged, so it is never matched to a customer by address alone. */
  dmarcFailed: z.boolean(),
  fromDomain: z.string().nullable(),
  /** The best DKIM result (pass, fail, neutral, none, temperror, permerror, …) and the domain that signed. */
  dkim: z.string(),
  dkimDomain: z.string().nullable(),
  dkimAligned: z.boolean(),
  spf: z.string(),
  dmarc: z.string(),
});
export type MailAuthentication = z.infer<typeof mailAuthenticationSchema>;

/** The stored JSON of an authentication result; null when there is none or it is unreadable. */
export function readAuthentication(json: string | null): MailAuthentication | null {
  if (json === null) return null;
  try {
    const parsed = mailAuthenticationSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
