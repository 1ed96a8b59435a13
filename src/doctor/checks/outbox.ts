import { countByStatus } from '../../mail/outbox.repository.ts';
import { type Check, type DoctorContext, error, ok, plural, warning } from '../check.ts';
import { duePending } from '../doctor.repository.ts';

/** Delivery runs every 10 seconds: a message due this long ago is waiting on something. */
export const STUCK_MINUTES = 60;

/** Letters to people (verification codes, answers, breach letters) leave: the outbox is not stuck. */
export const outboxFlowing: Check = {
  id: 'outbox',
  measure: null,
  async run({ db, now, deliveryConfigured }: DoctorContext) {
    const counts = await countByStatus(db);
    const failed = counts.failed ?? 0;
    const due = await duePending(db, new Date(now.getTime() - STUCK_MINUTES * 60_000).toISOString());
    const since = due.oldest ?? '?';
    const waiting = {
      nl:
        due.count === 0
          ? ''
          : `${plural(due.count, 'bericht', 'berichten')} ${due.count === 1 ? 'wacht' : 'wachten'} sinds ${since} nog op verzending`,
      en: due.count === 0 ? '' : `${plural(due.count, 'message')} due since ${since} still ${due.count === 1 ? 'waits' : 'wait'}`,
    };
    if (failed > 0) {
      return error({
        nl: `${plural(failed, 'bericht is', 'berichten zijn')} na alle pogingen opgegeven; lees ze (kluis mail list --status failed) en laat ze opnieuw versturen${waiting.nl === '' ? '' : `; ${waiting.nl}`}`,
        en: `${plural(failed, 'message was', 'messages were')} given up after every retry; read them (kluis mail list --status failed) and have them sent again${waiting.en === '' ? '' : `; ${waiting.en}`}`,
      });
    }
    if (due.count > 0 && !deliveryConfigured) {
      return warning({
        nl: `${waiting.nl}: SMTP_URL is niet ingesteld, dus er wordt niets verstuurd; verstuur ze met de hand (kluis mail list) of stel SMTP_URL in`,
        en: `${waiting.en}: no SMTP_URL is set, so nothing is sent; send them by hand (kluis mail list) or configure SMTP_URL`,
      });
    }
    if (due.count > 0) {
      return error({
        nl: `${waiting.nl}: de verzending loopt vast; draait kluis serve, en antwoordt de SMTP-server?`,
        en: `${waiting.en}: delivery is stuck; is kluis serve running, and does the SMTP server answer?`,
      });
    }
    return ok({
      nl: `niets wacht langer dan ${STUCK_MINUTES} minuten (${counts.pending ?? 0} in de wachtrij, ${counts.sent ?? 0} verstuurd)`,
      en: `nothing waits longer than ${STUCK_MINUTES} minutes (${counts.pending ?? 0} pending, ${counts.sent ?? 0} sent)`,
    });
  },
};
