import { type Check, type DoctorContext, error, ok, plural, warning } from '../check.ts';
import { activeAccounts, activeTokens, dpoSecondFactors } from '../doctor.repository.ts';
import { businessDate } from '../../shared/business-day.ts';

/** Access is for the necessary people only (BEVEILIGING): an account unused this long is no longer necessary. */
export const UNUSED_DAYS = 90;

/** The dpo sees everything: their account needs a second factor beside the password. */
export const dpoSecondFactor: Check = {
  id: 'dpo-second-factor',
  measure: 'access-control',
  async run({ db }: DoctorContext) {
    const dpos = await dpoSecondFactors(db);
    if (dpos.length === 0)
      return warning({ nl: 'er is geen actief account met de rol privacy officer (dpo)', en: 'there is no active dpo account' });
    const without = dpos.filter((d) => d.totp_confirmed_at === null);
    if (without.length > 0) {
      const emails = without.map((d) => d.email).join(', ');
      return error({
        nl: `dpo-accounts zonder tweede factor: ${emails}; elk van deze accounts moet er een instellen`,
        en: `dpo accounts without a second factor: ${emails}; each must set one up`,
      });
    }
    return ok({
      nl: `elk dpo-account (${dpos.length}) heeft een tweede factor`,
      en: `every dpo account (${dpos.length}) has a second factor`,
    });
  },
};

/** No account or API token unused for 90 days still has access; never used counts from when it was made. */
export const unusedAccounts: Check = {
  id: 'unused-accounts',
  measure: 'access-control',
  async run({ db, now }: DoctorContext) {
    const before = new Date(now.getTime() - UNUSED_DAYS * 86_400_000).toISOString();
    const lastUse = (used: string | null) => (used === null ? 'never used' : `last used ${businessDate(used)}`);
    const lastUseNl = (used: string | null) => (used === null ? 'nooit gebruikt' : `laatst gebruikt ${businessDate(used)}`);
    const accounts = await activeAccounts(db);
    const tokens = await activeTokens(db);
    const idleAccounts = accounts.filter((a) => (a.last_login_at ?? a.created_at) < before);
    const idleTokens = tokens.filter((t) => (t.last_used_at ?? t.created_at) < before);
    if (idleAccounts.length + idleTokens.length === 0) {
      return ok({
        nl: `niets met toegang is ${UNUSED_DAYS} dagen ongebruikt gebleven (${plural(accounts.length, 'actief account', 'actieve accounts')}, ${plural(tokens.length, 'API-token')})`,
        en: `nothing with access went unused for ${UNUSED_DAYS} days (${plural(accounts.length, 'active account')}, ${plural(tokens.length, 'API token')})`,
      });
    }
    const unused = [
      ...idleAccounts.map((a) => `the account ${a.email} (${a.role}, ${lastUse(a.last_login_at)})`),
      ...idleTokens.map((t) => `the API token ${t.name} (${t.role}, ${lastUse(t.last_used_at)})`),
    ];
    const unusedNl = [
      ...idleAccounts.map((a) => `het account ${a.email} (${a.role}, ${lastUseNl(a.last_login_at)})`),
      ...idleTokens.map((t) => `het API-token ${t.name} (${t.role}, ${lastUseNl(t.last_used_at)})`),
    ];
    return warning({
      nl: `${UNUSED_DAYS} dagen ongebruikt en nog steeds met toegang: ${unusedNl.join(', ')}; blokkeer de accounts die niet meer nodig zijn (kluis user disable EMAIL) en trek de tokens in`,
      en: `unused for ${UNUSED_DAYS} days and still with access: ${unused.join(', ')}; disable the accounts no longer needed (kluis user disable EMAIL) and revoke the tokens`,
    });
  },
};
