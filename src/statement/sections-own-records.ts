import { describePeriod } from '../retention/rules/period.ts';
import { MAIL_TEXT_DAYS, REQUEST_RETENTION_YEARS, correspondenceUntil, logRetention } from '../retention/rules/own-periods.ts';
import type { RenderContext } from './render-context.ts';
import { type Block, paragraph, subheading } from './statement-document.ts';

/**
 * Art. 13(2)(a): how long we keep what Kluis records of its own work, with the periods the jobs carry out
 * (src/retention/own-periods.ts): requests of data subjects, the text of mail, the processing log.
 */
export function ownRecordsBlocks(ctx: RenderContext): Block[] {
  const t = ctx.text.ownRecords;
  const words = (years: number, days = 0) => describePeriod({ years, months: 0, days }, ctx.lang);
  const log = logRetention(ctx.policy.document);
  // Questions and complaints keep the policy's period for correspondence when it has one (requestKeptUntil).
  const byPolicy = correspondenceUntil(ctx.policy, '2000-01-01', '2000-01-01') !== null;
  return [
    subheading(t.heading),
    paragraph(`${t.requests(words(REQUEST_RETENTION_YEARS))} ${t.questions(byPolicy ? null : words(REQUEST_RETENTION_YEARS))}`),
    paragraph(t.mail(words(0, MAIL_TEXT_DAYS))),
    paragraph(t.log(words(log.years), log.basis)),
    paragraph(t.held),
  ];
}
