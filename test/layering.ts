// The layering of src/ (issue 18, part 2): which folder may import which. Run `node test/layering.ts` for the
// count and the list; test/layering.test.ts keeps the list from growing.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The units of src/, top first: a unit may import those below it, never one above. A unit is a folder of src/
 * (or one of the subfolders named here, or a top-level file); features that use others sit above them.
 */
export const LAYERS: string[] = [
  // Entry points and composition: the CLI, the start-up, the jobs, the HTTP app, the wiring of services.
  'cli',
  'demo',
  'runtime',
  'jobs',
  'app',
  'services',
  // Features, those that use others above those they use.
  // What needs doing today: the start page and the reminders read requests, holds, breaches, the self-check.
  'today',
  'doctor',
  'statistics',
  'backup',
  'mailbox',
  'breaches',
  'rights',
  'disclosures',
  'statement',
  // Import and export of customer data reach organisations, persons and every record type.
  'import',
  'export',
  // Organisations use persons, agreements and invoices; the rights read their contact roles.
  'organisations',
  'subjects',
  'invoices',
  'agreements',
  'cases',
  'consents',
  'restrictions-objections',
  'retention',
  'policy/linter',
  'registers',
  'accounts',
  'config',
  'mail',
  'scanner',
  'guard',
  // The rules of retention (periods, the dates they count from, effective retention, Kluis's own periods): what
  // the policy, the register, the statement and the guard say about retention, below all of them.
  'retention/rules',
  'policy',
  // Transport and foundations.
  'pages',
  'http',
  'db',
  'shared',
  'errors',
];

const SRC = path.join(import.meta.dirname, '..', 'src');

/** The unit a file of src/ belongs to: the longest name of LAYERS that is its folder (or the file itself). */
export function unitOf(relative: string): string {
  const parts = relative.split('/');
  for (let n = parts.length - 1; n >= 1; n -= 1) {
    const folder = parts.slice(0, n).join('/');
    if (LAYERS.includes(folder)) return folder;
  }
  const first = parts[0] ?? relative;
  return parts.length === 1 ? first.replace(/\.ts$/, '') : first;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    // Tests and their support import upward by nature (the harness builds the whole app).
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('test-support') ? [p] : [];
  });
}

export interface UnitImport {
  from: string;
  to: string;
  /** The files of `from` that import `to`, e.g. 'retention/sweep.ts'. */
  files: string[];
}

/** Every import between two units, one per pair of units. */
export function unitImports(): UnitImport[] {
  const pairs = new Map<string, UnitImport>();
  for (const file of sourceFiles(SRC)) {
    const relative = path.relative(SRC, file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? ''));
      if (target.startsWith('..')) continue;
      const from = unitOf(relative);
      const to = unitOf(target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      const pair = pairs.get(key) ?? { from, to, files: [] };
      if (!pair.files.includes(relative)) pair.files.push(relative);
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()].sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`));
}

/** The imports against the layering: a unit importing one above it, or a unit LAYERS does not place. */
export function againstLayering(imports = unitImports()): UnitImport[] {
  const rank = (unit: string) => LAYERS.indexOf(unit);
  return imports.filter((i) => rank(i.from) === -1 || rank(i.to) === -1 || rank(i.to) < rank(i.from));
}

if (import.meta.main) {
  const all = unitImports();
  const against = againstLayering(all);
  console.log(`${against.length} of ${all.length} imports between folders point against the layering`);
  for (const i of against) console.log(`  ${i.from} -> ${i.to}: ${i.files.join(', ')}`);
}
