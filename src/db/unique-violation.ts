/** Whether a database error is a unique-constraint violation, on either dialect; optionally of one constraint. */
export function isUniqueViolation(error: unknown, constraint?: { postgres: string; sqlite: string }): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown; errcode?: unknown };
  if (e.code === '23505') return constraint === undefined || e.constraint === constraint.postgres;
  const sqliteUnique = typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
  if (!sqliteUnique) return false;
  return constraint === undefined || (e.message as string).includes(constraint.sqlite);
}
