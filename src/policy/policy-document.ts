import { LineCounter, parseDocument, type Document } from 'yaml';
import { type PolicyDocument, policySchema } from './policy.schema.ts';

/** One thing wrong with a policy: where (a policy path, or a line and column) and why. */
export interface PolicyProblem {
  path: string;
  message: string;
  /** A stable code, for the problems a caller may want to tell apart (`retention-not-carried-out`). */
  code?: string;
}

export const formatProblem = (p: PolicyProblem): string => `${p.path}: ${p.message}${p.code === undefined ? '' : ` (${p.code})`}`;

/**
 * Reads policy YAML and checks it against the schema. Returns the document only when both pass; every
 * problem is listed, YAML syntax with its line and column, schema problems with their path and, where the
 * node exists, its line and column too.
 */
export function readPolicyDocument(text: string): { document: PolicyDocument | null; problems: PolicyProblem[] } {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { prettyErrors: true, lineCounter });
  if (yaml.errors.length > 0) {
    return {
      document: null,
      problems: yaml.errors.map((e) => {
        const at = e.linePos?.[0];
        // The pretty message repeats the position and quotes the source; the first line says what is wrong.
        const what = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return { path: at === undefined ? '(yaml)' : `line ${at.line}, column ${at.col}`, message: what };
      }),
    };
  }
  const parsed = policySchema.safeParse(yaml.toJS());
  if (!parsed.success) {
    return {
      document: null,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: `${i.message}${locate(yaml, lineCounter, i.path)}` })),
    };
  }
  return { document: parsed.data, problems: [] };
}

/** Where a schema problem is in the file: the node at the path, or the nearest one above it that exists. */
function locate(yaml: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): string {
  for (let n = path.length; n >= 1; n -= 1) {
    const node = yaml.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range !== undefined) {
      const at = lines.linePos(node.range[0]);
      return ` (line ${at.line}, column ${at.col})`;
    }
  }
  return '';
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Checks that every name the policy uses is declared (the retention rules: retention-rules.ts). */
export function referenceProblems(p: PolicyDocument): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const category = (where: string, c: string) => {
    if (!Object.hasOwn(p.categories, c)) problems.push({ path: where, message: `unknown data category ${c}` });
  };
  const purpose = (where: string, id: string) => {
    if (!Object.hasOwn(p.purposes, id)) problems.push({ path: where, message: `unknown purpose ${id}` });
  };
  for (const [id, purposeDef] of Object.entries(p.purposes)) {
    purposeDef.categories.forEach((c, i) => category(`purposes.${id}.categories[${i}]`, c));
    purposeDef.requiredBy?.forEach((r, j) => r.categories.forEach((c, k) => category(`purposes.${id}.requiredBy[${j}].categories[${k}]`, c)));
  }
  for (const [type, record] of Object.entries(p.records)) {
    record.purposes.forEach((id, i) => purpose(`records.${type}.purposes[${i}]`, id));
    record.categories.forEach((c, i) => category(`records.${type}.categories[${i}]`, c));
  }
  p.recipients.forEach((r, i) => {
    r.purposes.forEach((id, j) => purpose(`recipients[${i}].purposes[${j}]`, id));
    r.categories.forEach((c, j) => category(`recipients[${i}].categories[${j}]`, c));
    r.companies?.forEach((c, j) => {
      if (c.country === 'NL' && c.kvkNumber === undefined) problems.push({ path: `recipients[${i}].companies[${j}].kvkNumber`, message: `${c.legalName} is a Dutch company: give its KvK number` });
    });
  });
  p.storage.forEach((s, i) => {
    if (s.processor !== undefined && !p.recipients.some((r) => r.id === s.processor)) {
      problems.push({ path: `storage[${i}].processor`, message: `unknown recipient ${s.processor}: the processor of a storage location is a recipient of the policy` });
    }
  });
  const ids = new Set<string>();
  for (const [list, items] of [
    ['retention', p.retention],
    ['recipients', p.recipients],
    ['companies', p.recipients.flatMap((r) => r.companies ?? [])],
    ['storage', p.storage],
    ['security', p.security],
  ] as const) {
    items.forEach((item, i) => {
      if (ids.has(`${list}:${item.id}`)) problems.push({ path: `${list}[${i}].id`, message: `duplicate id ${item.id}` });
      ids.add(`${list}:${item.id}`);
    });
  }
  if (!Object.hasOwn(p.roles, 'dpo')) problems.push({ path: 'roles', message: 'the dpo role is required' });
  return problems;
}

/** P6 and Art. 44-46 GDPR: storage outside the EEA needs a transfer safeguard. */
export function storageWithoutSafeguard(p: PolicyDocument): PolicyProblem[] {
  return p.storage.flatMap((s, i) =>
    !s.insideEea && s.safeguard === undefined
      ? [{ path: `storage[${i}]`, message: `${s.provider} ${s.region.en} is outside the EEA without a transfer safeguard (Art. 46 GDPR)` }]
      : [],
  );
}
