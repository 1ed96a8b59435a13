import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { buildProcessingActivities } from '../src/registers/processing-activities.ts';
import { processingActivitiesCsv } from '../src/registers/processing-activities.csv.ts';
import { processingActivitiesHtml } from '../src/registers/processing-activities.html.ts';
import { listRecipients } from '../src/registers/recipient.repository.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { renderStatements } from '../src/statement/render.ts';

export interface RenderTiming {
  /** The first rendering in a fresh process (nothing warmed up). */
  coldMs: number;
  p50Ms: number;
  maxMs: number;
}

export interface PolicyRenderResult {
  statement: RenderTiming;
  register: RenderTiming;
}

const ROUNDS = 200;
const POLICY = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');

/**
 * Times what a publication and an export do for the default policy: the statement in both languages as
 * Markdown and HTML, and the Art. 30 record as JSON, CSV and HTML, each with its read of the register.
 */
export async function measurePolicyRendering(): Promise<PolicyRenderResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-bench-policy-'));
  const database = openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const policy = loadPolicy(POLICY);
    await seedRecipientsFromPolicy(database.db, policy, new Date().toISOString());
    const statement = await time(async () => {
      renderStatements(policy, await listRecipients(database.db), new Date().toISOString().slice(0, 10));
    });
    const register = await time(async () => {
      const activities = buildProcessingActivities(policy, await listRecipients(database.db), new Date());
      JSON.stringify(activities);
      processingActivitiesCsv(activities, 'nl');
      processingActivitiesHtml(activities, 'nl');
    });
    return { statement, register };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function time(work: () => Promise<void>): Promise<RenderTiming> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  const cold = samples[0] ?? 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { coldMs: round(cold), p50Ms: round(sorted[Math.floor(sorted.length / 2)] ?? 0), maxMs: round(sorted.at(-1) ?? 0) };
}
