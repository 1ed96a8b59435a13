import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

// The kinds of message that carried a secret in their text before this migration.
const SECRET_KINDS = ['verification_code', 'access_package', 'package_code'];

/**
 * The secrets of a message (a verification code, a download link) leave its text and HTML: those hold a
 * placeholder, and the secrets are kept here sealed with the mail key (AES-256-GCM), which only delivery
 * uses; set to null once the message was sent. Messages sent before keep their text, but not the code or the
 * token in it (a package link works for weeks): both become placeholders. One not yet sent keeps its secret
 * in its text, or the person would never get it (a migration has no key to seal it with).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sealed_secrets', 'text').execute();
  const sent = (await db
    .selectFrom('outbox')
    .select(['id', 'language', 'body_text', 'body_html'])
    .where('kind', 'in', SECRET_KINDS)
    .where('status', '=', 'sent')
    .execute()) as { id: string; language: string; body_text: string; body_html: string | null }[];
  for (const row of sent) {
    const [code, link] = row.language === 'en' ? ['[code sent]', '[link sent]'] : ['[code verstuurd]', '[link verstuurd]'];
    const scrub = (text: string, codePattern: RegExp, codeAs: string): string =>
      text.replace(/token=[A-Za-z0-9_%-]+/g, `token=${link}`).replace(codePattern, codeAs);
    await db
      .updateTable('outbox')
      .set({
        body_text: scrub(row.body_text, /^ {4}\d{6}$/gm, `    ${code}`),
        body_html: row.body_html === null ? null : scrub(row.body_html, /<strong>\d{6}<\/strong>/g, `<strong>${code}</strong>`),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('sealed_secrets').execute();
}
