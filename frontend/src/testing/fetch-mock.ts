/** A tiny per-test fetch mock (no MSW): route handlers by method + path, records every call. */
export type MockResponse = { status?: number; body?: unknown; headers?: Record<string, string> };
export type MockHandler = {
  method?: string;
  /** Path without the query string, e.g. '/api/staff', or a RegExp tested against the path. */
  path: string | RegExp;
  respond: MockResponse | ((call: FetchCall) => MockResponse | Promise<MockResponse>);
};
export type FetchCall = {
  method: string;
  url: URL;
  path: string;
  params: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
};

function fakeResponse({ status = 200, body, headers = {} }: MockResponse) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => lower[name.toLowerCase()] ?? null },
    text: async () => text,
    json: async () => (text ? JSON.parse(text) : undefined),
  };
}

export function mockFetch(handlers: MockHandler[]) {
  const calls: FetchCall[] = [];
  const fn = jest.fn(async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = (init.headers ?? {}) as Record<string, string>;
    let body: unknown = undefined;
    if (typeof init.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const call: FetchCall = { method, url, path: url.pathname, params: url.searchParams, headers, body };
    calls.push(call);
    const handler = handlers.find(
      (h) =>
        (h.method ?? 'GET').toUpperCase() === method &&
        (typeof h.path === 'string' ? h.path === url.pathname : h.path.test(url.pathname)),
    );
    if (!handler) {
      return fakeResponse({
        status: 404,
        body: { statusCode: 404, code: 'NOT_FOUND', message: `No mock for ${method} ${url.pathname}` },
      });
    }
    const res = typeof handler.respond === 'function' ? await handler.respond(call) : handler.respond;
    return fakeResponse(res);
  });
  (globalThis as { fetch: unknown }).fetch = fn;
  return { fn, calls, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}
