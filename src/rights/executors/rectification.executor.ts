import { notFound, validationFailed } from '../../errors.ts';
import { parse } from '../../shared/parse.ts';
import * as subjects from '../../subjects/subject.repository.ts';
import { refuseUndeclaredGender } from '../../subjects/gender.ts';
import { type SubjectPatch, subjectPatchSchema } from '../../subjects/subject.schema.ts';
import { addressRows } from '../../subjects/subject.service.ts';
import type { RightExecutor } from './executor.ts';
import { joinWords } from '../../shared/words.ts';
import { type ExecutionDeps, nothingHeld } from './deps.ts';
import { type RectifiedValues, queueRecipientNotices } from '../../disclosures/recipient-notice-queue.ts';

const FIELD_WORDS: Record<string, { nl: string; en: string }> = {
  firstName: { nl: 'voornaam', en: 'first name' },
  lastName: { nl: 'achternaam', en: 'last name' },
  gender: { nl: 'geslacht', en: 'gender' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  phone: { nl: 'telefoonnummer', en: 'phone number' },
  language: { nl: 'taal', en: 'language' },
  addresses: { nl: 'adressen', en: 'addresses' },
};

/** A rectification's new values by data category, as a recipient of that category is told them (Art. 19). */
function rectifiedValues(patch: SubjectPatch, before: { first_name: string; last_name: string }): RectifiedValues {
  const values: RectifiedValues = {};
  if (patch.firstName !== undefined || patch.lastName !== undefined)
    values['user.name'] = `${patch.firstName ?? before.first_name} ${patch.lastName ?? before.last_name}`.trim();
  if (patch.email !== undefined) values['user.contact.email'] = patch.email ?? '';
  if (patch.phone !== undefined) values['user.contact.phone_number'] = patch.phone ?? '';
  if (patch.addresses !== undefined)
    values['user.contact.address'] = patch.addresses.map((a) => `${a.street}, ${a.postalCode} ${a.city}`).join('; ');
  return values;
}

/** The changes a rectification asks for: JSON of subject fields, as the subject API takes them. */
function changesOf(text: string | null): unknown {
  if (text === null) throw validationFailed('The rectification names no changes');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationFailed('The changes of the rectification are not valid JSON');
  }
}

/**
 * Art. 16: rectification of inaccurate data and completion of incomplete data, applied through the guard as
 * a modification. The old value is not copied anywhere: only the log says that a change was made, not what
 * was there before. Every recipient that received the data is told (Art. 19).
 */
export function rectificationExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const patch = parse(subjectPatchSchema, changesOf(request.changes), 'rectification');
      refuseUndeclaredGender(deps.guard.policy, 'subject', patch.gender);
      await deps.guard.processIn(trx, { actor, operation: 'modify', recordType: 'subject', subjectId }, async (ctx) => {
        const current = await subjects.getById(ctx.trx, subjectId);
        if (current === undefined) throw notFound('Subject', subjectId);
        const now = ctx.clock.now().toISOString();
        // Art. 19: before the change, so each recipient is told who it concerns by the data it already has.
        await queueRecipientNotices(ctx.trx, subjectId, 'rectification', request.id, now, deps, rectifiedValues(patch, current));
        await subjects.update(ctx.trx, subjectId, {
          ...(patch.firstName === undefined ? {} : { first_name: patch.firstName }),
          ...(patch.lastName === undefined ? {} : { last_name: patch.lastName }),
          ...(patch.gender === undefined ? {} : { gender: patch.gender }),
          ...(patch.email === undefined ? {} : { email: patch.email }),
          ...(patch.phone === undefined ? {} : { phone: patch.phone }),
          ...(patch.language === undefined ? {} : { language: patch.language }),
          updated_at: now,
        });
        if (patch.addresses !== undefined)
          await subjects.replaceAddresses(ctx.trx, subjectId, addressRows(subjectId, patch.addresses, now));
        ctx.touch('subject', subjectId, subjectId);
      });
      const fields = Object.keys(patch).filter((k) => Object.hasOwn(FIELD_WORDS, k));
      const words = (lang: 'nl' | 'en') =>
        joinWords(
          fields.map((f) => FIELD_WORDS[f]?.[lang] ?? f),
          lang,
        );
      return {
        summary: {
          nl: `Wij hebben uw gegevens gerectificeerd of aangevuld: ${words('nl')}.`,
          en: `We have rectified or completed your data: ${words('en')}.`,
        },
        kept: [],
      };
    },
  };
}
