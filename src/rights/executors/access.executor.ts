import { businessToday } from '../../shared/business-day.ts';
import { strToU8 } from 'fflate';
import { disclosuresForAccess } from '../../disclosures/disclosure-log.ts';
import { notFound } from '../../errors.ts';
import { listRecipients } from '../../registers/recipient.repository.ts';
import type { RightExecutor } from './executor.ts';
import { accessCsvFiles } from '../access-packages/access-csv.ts';
import { accessData, attachmentPath } from '../access-packages/access-data.ts';
import { listAttachmentContents, listOwnLogEntries } from '../access-packages/access-data.repository.ts';
import { renderAccessReport } from '../access-packages/access-report.ts';
import { retentionLines } from '../access-packages/access-retention.ts';
import { holdsInForce } from '../../retention/legal-hold.repository.ts';
import { type ExecutionDeps, langOf, nothingHeld } from './deps.ts';
import { PACKAGE_DAYS, storePackage } from '../access-packages/package-store.ts';
import { loadSubjectRecords } from './subject-records.ts';

/**
 * Art. 15: gathers everything about the person into one zip: data.json, a CSV per record type, the
 * attachments, and report.html with the Art. 15(1) and 15(2) facts in the request's language. The package
 * waits for review (Art. 15(4): messages may hold other people's data) and goes out only when the dpo
 * releases it (access-package.service.ts), behind a link that needs a fresh code sent to the address on file.
 * Building it is one 'export' in the processing log naming every record.
 */
export function accessExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const lang = langOf(request.language);
      const processing = {
        actor,
        operation: 'export' as const,
        recordType: 'subject' as const,
        includes: ['agreement' as const, 'invoice' as const, 'case' as const, 'message' as const, 'consent' as const],
        subjectId,
      };
      await deps.guard.processIn(trx, processing, async (ctx) => {
        const records = await loadSubjectRecords(ctx.trx, subjectId);
        if (records === undefined) throw notFound('Subject', subjectId);
        const [allEntries, attachments, recipients, disclosures] = await Promise.all([
          listOwnLogEntries(ctx.trx, subjectId),
          listAttachmentContents(ctx.trx, subjectId),
          listRecipients(ctx.trx),
          disclosuresForAccess(ctx.trx, subjectId),
        ]);
        // A legal demand the law forbids telling the person about (Art. 23) stays out of the package, with
        // the log entries that name it (src/disclosures/disclosure-log.ts).
        const log = allEntries.filter((e) => !(JSON.parse(e.records) as string[]).some((ref) => disclosures.withheld.has(ref)));
        const generatedAt = ctx.clock.now().toISOString();
        const retention = retentionLines(
          deps.policy,
          records,
          lang,
          await holdsInForce(ctx.trx, subjectId, businessToday(ctx.clock.now())),
        );
        const data = accessData(deps.policy, records, log, retention, disclosures.lines, {
          generatedAt,
          requestReference: request.reference,
        });
        const report = renderAccessReport({
          lang,
          policy: deps.policy,
          records,
          recipients,
          disclosures: disclosures.lines,
          retention,
          logEntries: log.length,
          generatedAt,
        });
        const files: Record<string, Uint8Array> = {
          'data.json': strToU8(JSON.stringify(data, null, 2)),
          'report.html': strToU8(report),
        };
        for (const [name, text] of Object.entries(accessCsvFiles(records, log, disclosures.lines))) files[name] = strToU8(text);
        for (const a of attachments) files[attachmentPath(a.id, a.filename)] = new Uint8Array(a.content);
        await storePackage(ctx, request, subjectId, 'access', files, generatedAt);
        for (const r of records.agreements) ctx.touch('agreement', r.id);
        for (const r of records.invoices) ctx.touch('invoice', r.id);
        for (const r of records.cases) ctx.touch('case', r.id);
        for (const r of records.messages) ctx.touch('message', r.id);
        for (const r of records.consents) ctx.touch('consent', r.id);
      });
      return {
        summary: {
          nl: `Wij hebben al uw gegevens in één pakket gezet: een leesbaar overzicht (report.html), de gegevens zelf (data.json en CSV) en uw bijlagen. Na een controle op gegevens van anderen (art. 15 lid 4 AVG) sturen wij u een link, ${PACKAGE_DAYS} dagen geldig; bij het downloaden vragen wij een code die wij naar uw e-mailadres sturen.`,
          en: `We have put all your data in one package: a readable overview (report.html), the data themselves (data.json and CSV) and your attachments. After a check for other people's data (Art. 15(4) GDPR) we will send you a link, valid for ${PACKAGE_DAYS} days; to download, we ask for a code that we send to your e-mail address.`,
        },
        kept: [],
        awaitsRelease: true,
      };
    },
  };
}
