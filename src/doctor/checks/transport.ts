import { type Check, type DoctorContext, error, ok, warning } from '../check.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Traffic to Kluis is encrypted: it sits behind a trusted proxy that ends TLS (Kluis itself speaks plain HTTP). */
export const tlsOrProxy: Check = {
  id: 'tls-or-proxy',
  measure: 'access-control',
  async run({ settings }: DoctorContext) {
    if (settings.trustProxy)
      return ok({
        nl: 'Kluis staat achter een vertrouwde proxy (KLUIS_TRUST_PROXY) die TLS afhandelt',
        en: 'Kluis sits behind a trusted proxy (KLUIS_TRUST_PROXY) that ends TLS',
      });
    const host = settings.host ?? '127.0.0.1';
    const mailLinks = settings.publicUrl?.startsWith('https://') === true;
    const https = {
      nl: mailLinks ? ` Links in e-mails verwijzen naar ${settings.publicUrl}.` : '',
      en: mailLinks ? ` Links in mail point to ${settings.publicUrl}.` : '',
    };
    if (LOOPBACK.has(host)) {
      return warning({
        nl: `er is geen TLS en geen vertrouwde proxy ingesteld; Kluis luistert alleen op ${host}, dus wat Kluis voor anderen bereikbaar maakt, moet TLS afhandelen en in KLUIS_TRUST_PROXY staan.${https.nl}`,
        en: `no TLS and no trusted proxy is configured; Kluis listens on ${host} only, so whatever serves it to others must end TLS and be named in KLUIS_TRUST_PROXY.${https.en}`,
      });
    }
    return error({
      nl: `Kluis luistert op ${host} met onversleuteld HTTP en er is geen vertrouwde proxy ingesteld die TLS afhandelt: wachtwoorden en persoonsgegevens gaan onversleuteld over het netwerk; zet TLS ervoor en stel KLUIS_TRUST_PROXY in.${https.nl}`,
      en: `Kluis listens on ${host} in plain HTTP and no trusted proxy that ends TLS is configured: passwords and personal data cross the network unencrypted; put TLS in front and set KLUIS_TRUST_PROXY.${https.en}`,
    });
  },
};
