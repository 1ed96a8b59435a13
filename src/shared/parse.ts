import type { z } from 'zod';
import { validationFailed } from '../errors.ts';

export interface Problem {
  path: string;
  message: string;
}

export const toProblems = (issues: ReadonlyArray<z.core.$ZodIssue>): Problem[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** Parses input with a schema; a failure becomes `validation_failed` listing every problem. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = toProblems(result.error.issues);
    const summary = problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ');
    throw validationFailed(`Invalid ${what}: ${summary}`, problems);
  }
  return result.data;
}
