import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

describe.each(DIALECTS)('HTTP surface on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  it('is alive and ready with a current schema', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dialect, pendingMigrations: [] });
  });

  it('says it is not ready when a migration is missing', async () => {
    await t.database.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '2026-11-25T0920-create-records' as never)
      .execute();
    try {
      const ready = await t.app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ pendingMigrations: ['2026-11-25T0920-create-records'] });
    } finally {
      await t.database.db
        .insertInto('kysely_migration' as never)
        .values({ name: '2026-11-25T0920-create-records', timestamp: new Date().toISOString() })
        .execute();
    }
  });

  it('exposes Prometheus metrics by route pattern, without ids', async () => {
    await t.app.inject({ method: 'GET', url: '/api/subjects/00000000-0000-4000-8000-000000000000', headers: { cookie: staff } });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('kluis_http_requests_total{method="GET",route="/api/subjects/:id",status="404"}');
    expect(metrics.body).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('publishes an OpenAPI 3.1 document and readable docs', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/subjects',
      '/api/subjects/{id}',
      '/api/subjects/{id}/records',
      '/api/session',
      '/api/users',
      '/api/processing-log',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes and foreign content types with JSON errors', async () => {
    const missing = await t.app.inject('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff, 'content-type': 'application/xml' },
      payload: '<subject/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses NUL characters in bodies and URLs the same way on every database', async () => {
    const before = await t.database.db.selectFrom('subjects').select('id').execute();
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff, 'content-type': 'application/json' },
      payload: '{"firstName":"A\\u0000","lastName":"B"}',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const query = await t.app.inject({ method: 'GET', url: '/api/subjects?q=ab%00', headers: { cookie: staff } });
    expect(query.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('subjects').select('id').execute()).toHaveLength(before.length);
  });

  it('does not run GET handlers for HEAD requests', async () => {
    const response = await t.app.inject({
      method: 'HEAD',
      url: '/api/subjects/00000000-0000-4000-8000-000000000000',
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(404);
  });

  it('does not let a forged or oversized session cookie in', async () => {
    for (const cookie of ['kluis_session=forged', `kluis_session=${'a'.repeat(5000)}`]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      expect(response.statusCode).toBe(401);
    }
  });
});
