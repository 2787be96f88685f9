/**
 * A per-test XMLHttpRequest mock for the multipart uploads of lib/api-client.ts `uploadFile`
 * (fetch-mock.ts covers fetch): route handlers by method + path, records every call with its form.
 */
import type { MockResponse } from './fetch-mock';

export type XhrCall = {
  method: string;
  url: URL;
  path: string;
  headers: Record<string, string>;
  form: FakeFormData | null;
  /** the multipart text fields */
  fields: Record<string, string>;
  /** the multipart files by field name */
  files: Record<string, File>;
};

export type XhrHandler = {
  method?: string;
  path: string | RegExp;
  respond: MockResponse | ((call: XhrCall) => MockResponse | Promise<MockResponse>);
};

/**
 * The test environment's FormData is Node's (jest.environment.cjs), which refuses jsdom's File;
 * uploads in tests use this recording stand-in instead.
 */
class FakeFormData {
  readonly entries: [string, string | File][] = [];
  append(key: string, value: string | Blob, fileName?: string) {
    this.entries.push([key, typeof value === 'string' ? value : value instanceof File || !fileName ? (value as File) : new File([value], fileName)]);
  }
  get(key: string) {
    return this.entries.find(([k]) => k === key)?.[1] ?? null;
  }
  forEach(fn: (value: string | File, key: string) => void) {
    for (const [k, v] of this.entries) fn(v, k);
  }
}

export function mockXhr(handlers: XhrHandler[]) {
  const calls: XhrCall[] = [];

  class FakeXhr {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    withCredentials = false;
    status = 0;
    responseText = '';
    private method = 'GET';
    private url = '';
    private requestHeaders: Record<string, string> = {};
    private responseHeaders: Record<string, string> = {};

    open(method: string, url: string) {
      this.method = method.toUpperCase();
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.requestHeaders[name] = value;
    }

    getResponseHeader(name: string): string | null {
      return this.responseHeaders[name.toLowerCase()] ?? null;
    }

    abort() {
      this.onabort?.();
    }

    send(body: unknown) {
      const url = new URL(this.url, 'http://localhost');
      const form = body instanceof FakeFormData ? body : null;
      const fields: Record<string, string> = {};
      const files: Record<string, File> = {};
      form?.forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
        else files[key] = value as File;
      });
      const call: XhrCall = { method: this.method, url, path: url.pathname, headers: this.requestHeaders, form, fields, files };
      calls.push(call);
      setTimeout(async () => {
        const handler = handlers.find(
          (h) =>
            (h.method ?? 'POST').toUpperCase() === call.method &&
            (typeof h.path === 'string' ? h.path === call.path : h.path.test(call.path)),
        );
        const res: MockResponse = handler
          ? typeof handler.respond === 'function'
            ? await handler.respond(call)
            : handler.respond
          : { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: `No mock for ${call.method} ${call.path}` } };
        this.status = res.status ?? 200;
        this.responseText = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        this.responseHeaders = Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 1 });
        this.onload?.();
      }, 0);
    }
  }

  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
  (globalThis as { FormData: unknown }).FormData = FakeFormData;
  return {
    calls,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

