import type { Executor } from '../db/executor.ts';

/** Whether the person exists; reads the id only, none of their personal data (ProcessingContext.requireSubject). */
export async function subjectExists(db: Executor, subjectId: string): Promise<boolean> {
  return (await db.selectFrom('subjects').select('id').where('id', '=', subjectId).executeTakeFirst()) !== undefined;
}

/** The language a person reads (their letters and invoices); reads nothing else of them (ProcessingContext.languageOf). */
export async function subjectLanguage(db: Executor, subjectId: string): Promise<string | undefined> {
  return (await db.selectFrom('subjects').select('language').where('id', '=', subjectId).executeTakeFirst())?.language;
}
