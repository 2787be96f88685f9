import { call, startTestApp, TestApp } from '../helpers';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('is served as JSON and as Swagger UI', async () => {
    const json = await call(t.app, { url: '/api/docs-json' });
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('every operation has a success response with a schema, error responses, and a request schema where it takes a body', async () => {
    const doc = (await call(t.app, { url: '/api/docs-json' })).body;
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        const ok = Object.entries(op.responses ?? {}).filter(([s]) => s.startsWith('2'));
        if (!ok.length) problems.push(`${name}: no 2xx response`);
        for (const [status, r] of ok as [string, any][]) { // eslint-disable-line @typescript-eslint/no-explicit-any
          if (status !== '204' && !r.content) problems.push(`${name}: ${status} has no schema`);
        }
        if (path !== '/api/health' && !Object.keys(op.responses ?? {}).some((s) => s.startsWith('4'))) problems.push(`${name}: no 4xx response`);
        if (['post', 'patch', 'put'].includes(method) && !/logout|commit|cancel/.test(path) && !op.requestBody) problems.push(`${name}: no request body schema`);
      }
    }
    expect(problems).toEqual([]);
  });
});
