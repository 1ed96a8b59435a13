import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';

/**
 * Issue 7 point 6: property-based tests that send malformed bodies, path parameters, query strings and
 * headers to every route of the OpenAPI document, signed in as the dpo and anonymously. Whatever arrives,
 * Kluis answers without a 5xx, without a stack trace or an internal message, and changes no data (the
 * tables that may change, and why, are LOG_TABLES and COUNTED_ONLY below).
 */

interface BodySchema {
  type?: string;
  properties?: Record<string, unknown>;
  anyOf?: BodySchema[];
}

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: BodySchema }> };
  parameters?: { in: 'path' | 'query' | 'header'; name: string }[];
}

interface Route {
  method: string;
  path: string;
  hasBody: boolean;
  /** A route whose body may be left out (publishing the statement): no body, null and '' are valid there. */
  bodyOptional: boolean;
  bodyProperties: string[];
  queryNames: string[];
}

interface FuzzRequest {
  who: 'dpo' | 'anonymous';
  route: Route;
  pathValues: string[];
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
  query: [string, string][];
  headers: Record<string, string>;
}

// Valid with any input, so there is nothing malformed to send: signing out ends the session the run uses,
// starting the enrolment of a second factor writes a new secret for the account.
const NOT_MALFORMABLE_SIGNED_IN = new Set(['DELETE /api/session', 'POST /api/account/second-factor']);

// Tables whose change is not a change of data: the processing log (reads and refusals are logged), the
// counters of the public routes' rate limits (counting attempts, refused ones too, is their point), the
// fingerprint of the retention rules the derived retention dates were computed under (written on first
// use), and the migration bookkeeping. Sessions are compared by count (each request moves last_seen_at).
const LOG_TABLES = new Set([
  'processing_log',
  'processing_log_subjects',
  'processing_log_head',
  'rate_limits',
  'retention_basis',
  'kysely_migration',
  'kysely_migration_lock',
]);
const COUNTED_ONLY = new Set(['sessions']);

// What must never reach a client: stack frames, source paths, driver and SQL messages, JavaScript errors.
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /node_modules/,
  /\.ts:\d+/,
  /\bSQLITE_/,
  /syntax error at or near/i,
  /relation "[^"]+" does not exist/,
  /violates [\w ]+ constraint/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/,
  /Cannot read propert/,
  /is not a function/,
  /\bselect\b[^"]{1,80}\bfrom\b/i,
];

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  printable,
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    "' or 1=1 --",
    '"; drop table subjects; --',
    '\u0000',
    'null',
    'undefined',
    '-1',
    '0',
    '1e309',
    'NaN',
    '{}',
    '[]',
    '<script>alert(1)</script>',
    '00000000-0000-4000-8000-000000000000',
    '🙂',
    '%zz',
    'a'.repeat(3000),
    '2026-02-30',
    '9999-99-99T99:99:99Z',
  ),
);
const json = fc.jsonValue({ maxDepth: 3 });
const trickyKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', 'id', 'subjectId', 'role');

function bodyArbitrary(route: Route): fc.Arbitrary<FuzzRequest['body']> {
  const known = route.bodyProperties.length > 0 ? fc.constantFrom(...route.bodyProperties) : trickyKeys;
  // An object whose known fields hold anything, always with a field no schema declares (input schemas are strict).
  const almost = fc
    .dictionary(fc.oneof(known, trickyKeys), fc.oneof(json, junk), { maxKeys: 6 })
    .map((o) => ({ kind: 'json' as const, value: { ...o, fuzzUnknownField: true } }));
  const nothing = route.bodyOptional ? [] : [fc.constant(null)];
  // No NaN or Infinity: JSON writes them as null, which is a valid body where the body is optional.
  const notAnObject = fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      junk,
      fc.boolean(),
      fc.array(json, { maxLength: 5 }),
      ...nothing,
    )
    .map((value) => ({ kind: 'json' as const, value }));
  const raw = fc
    .constantFrom(
      '{',
      '{"a":',
      'not json',
      '{"a":"\\u0000"}',
      '[1,2',
      '{"__proto__":{"polluted":true}}',
      `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      `{"a":"${'x'.repeat(300_000)}"}`,
      '\ufeff{}',
      ...(route.bodyOptional ? [] : ['']),
    )
    .map((text) => ({ kind: 'raw' as const, text }));
  return fc.oneof(almost, notAnObject, raw);
}

/** Junk for each header a client controls that Kluis reads. */
const junkHeaders = fc.record(
  {
    // Never message/rfc822: any bytes are a mail to the .eml route, so there is no malformed one.
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/xml',
      '*/*',
      '',
    ),
    cookie: fc.oneof(
      printable.map((v) => `kluis_session=${v}`),
      printable,
    ),
    authorization: fc.oneof(
      printable.map((v) => `Bearer ${v}`),
      printable,
    ),
    'x-csrf-token': printable,
    'x-forwarded-for': printable,
    'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher', ''),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost', ''),
    accept: printable,
  },
  { requiredKeys: [] },
);

/**
 * One malformed request. Each run puts its weight on one part (the body, the path, the query or the
 * headers) so that most requests get past the door to validation and the services; whatever the focus, a
 * request that could change something has a malformed body or a path that names nothing.
 */
function requestArbitrary(routes: Route[], realIds: string[]): fc.Arbitrary<FuzzRequest> {
  const who = fc.oneof(
    { arbitrary: fc.constant('dpo' as const), weight: 3 },
    { arbitrary: fc.constant('anonymous' as const), weight: 1 },
  );
  const focus = fc.oneof(
    { arbitrary: fc.constant('body' as const), weight: 5 },
    { arbitrary: fc.constant('path' as const), weight: 2 },
    { arbitrary: fc.constant('query' as const), weight: 2 },
    { arbitrary: fc.constant('headers' as const), weight: 2 },
  );
  return fc
    .record({ who, route: fc.constantFrom(...routes), focus })
    .filter(({ who: w, route }) => !(w === 'dpo' && NOT_MALFORMABLE_SIGNED_IN.has(`${route.method} ${route.path}`)))
    .chain(({ who: w, route, focus: f }) => {
      const params = (route.path.match(/\{[^}]+\}/g) ?? []).length;
      // A real id reaches the service; only where the malformed body stops a change (or it is a read).
      const wellFormed = route.hasBody || route.method === 'GET' ? fc.oneof(fc.uuid(), fc.constantFrom(...realIds)) : fc.uuid();
      const ids = f === 'path' ? junk : wellFormed;
      const queryName = fc.oneof(
        route.queryNames.length > 0 ? fc.constantFrom(...route.queryNames) : fc.constant('q'),
        fc.constantFrom('purpose', 'limit', '__proto__', 'x'),
      );
      return fc.record({
        who: fc.constant(w),
        route: fc.constant(route),
        pathValues: fc.array(ids, { minLength: params, maxLength: params }),
        // A route without a body gets one anyway, now and then.
        body: route.hasBody ? bodyArbitrary(route) : fc.oneof(fc.constant({ kind: 'none' as const }), bodyArbitrary(route)),
        query: f === 'query' ? fc.array(fc.tuple(queryName, junk), { minLength: 1, maxLength: 4 }) : fc.constant([]),
        headers: f === 'headers' ? junkHeaders : fc.constant({}),
      });
    });
}

function urlOf(r: FuzzRequest): string {
  let i = 0;
  const path = r.route.path.replace(/\{[^}]+\}/g, () => {
    const value = r.pathValues[i++] ?? '';
    // Mostly encoded; a few raw percent signs test the URL decoding itself.
    return value === '%zz' ? value : encodeURIComponent(value);
  });
  const query = new URLSearchParams(r.query).toString();
  return query === '' ? path : `${path}?${query}`;
}

/** What the document says of a route's JSON body: the fields it names, and whether it may be left out or null. */
function bodyShape(op: Operation): Pick<Route, 'bodyOptional' | 'bodyProperties'> {
  const schema = op.requestBody?.content?.['application/json']?.schema ?? {};
  const variants = schema.anyOf ?? [schema];
  return {
    bodyOptional: op.requestBody !== undefined && (op.requestBody.required !== true || variants.some((v) => v.type === 'null')),
    bodyProperties: variants.flatMap((v) => Object.keys(v.properties ?? {})),
  };
}

describe.each(DIALECTS)('malformed input to every route, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let routes: Route[];
  let tables: string[];
  const realIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    const actor = cliActor();
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const invoice = await newInvoice(t, subject.id);
    const opened = await newCase(t, subject.id);
    const request = await t.services.rights.intake.register(actor, {
      kind: 'access',
      channel: 'letter',
      receivedOn: businessToday(new Date()),
      name: 'Brief Schrijver',
      address: 'Oudegracht 1, Utrecht',
    });
    const breach = await t.services.breaches.record(actor, {
      becameAwareAt: new Date().toISOString(),
      description: 'Fuzz',
      subjectCategories: ['klanten'],
      dataCategories: ['user.name'],
      approxSubjects: 1,
      approxRecords: 1,
      consequences: 'Geen',
      measures: 'Geen',
      risk: 'high',
    });
    realIds.push(
      subject.id,
      agreement.id,
      invoice.id,
      opened.id,
      request.id,
      request.reference,
      breach.id,
      'administratiekantoor',
    );

    const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, Operation>> }>();
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        hasBody: op.requestBody !== undefined,
        ...bodyShape(op),
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
    const names =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
            t.database.db,
          )
        : await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
            t.database.db,
          );
    tables = names.rows
      .map((r) => r.name)
      .filter((n) => !LOG_TABLES.has(n))
      .sort();
  });
  afterAll(async () => t.close());

  /** Every data table: its row count, and a hash of its rows unless only the count matters. */
  async function fingerprint(): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const table of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.database.db)).rows;
      const lines = COUNTED_ONLY.has(table) ? [] : rows.map((r) => JSON.stringify(r)).sort();
      result[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
    return result;
  }

  it('reads every route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/breaches', 'GET /api/self-checks', 'POST /api/subjects', 'POST /api/public/requests']),
    );
  });

  it("answers the router's own refusals in the error shape, without echoing the URL", async () => {
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/subjects/%zz', headers: { cookie: dpo } });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({ error: { code: 'validation_failed', message: 'The URL is not valid: it does not decode' } });
    const long = await t.app.inject({ method: 'GET', url: `/api/breaches/${'a'.repeat(600)}`, headers: { cookie: dpo } });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'validation_failed', message: 'A path parameter of the URL is too long' } });
  });

  it('answers no 5xx, shows no internals and changes no data, signed in as the dpo and anonymously', async () => {
    const before = await fingerprint();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(routes, realIds), async (r) => {
        const headers: Record<string, string> = {
          ...r.headers,
          ...(r.who === 'dpo' && r.headers.cookie === undefined ? { cookie: dpo } : {}),
        };
        const payload = r.body.kind === 'none' ? undefined : r.body.kind === 'raw' ? r.body.text : JSON.stringify(r.body.value);
        if (payload !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
        const response = await t.app.inject({
          method: r.route.method as 'GET',
          url: urlOf(r),
          headers,
          ...(payload === undefined ? {} : { payload }),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        const what = `${r.who} ${r.route.method} ${urlOf(r).slice(0, 200)} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
        // The readiness probe answers 503 while the database does not (its documented answer, not a failure).
        if (!(r.route.path === '/readyz' && response.statusCode === 503)) expect(response.statusCode, what).toBeLessThan(500);
        for (const pattern of INTERNALS) expect(response.body, what).not.toMatch(pattern);
        if (response.statusCode >= 400 && String(response.headers['content-type']).startsWith('application/json')) {
          expect(response.json<{ error: { code: string } }>().error.code, what).toMatch(/^[a-z][a-z0-9_]*$/);
        }
        const after = await fingerprint();
        expect(
          tables.filter((table) => after[table] !== before[table]),
          what,
        ).toEqual([]);
      }),
      { numRuns: 500, endOnFailure: true },
    );
    // Most requests are refused at the door or by validation; some reach a service and are refused there.
    const refused = [...statuses.entries()].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused).toBeGreaterThan(250);
  }, 120_000);
});
