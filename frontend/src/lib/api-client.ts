import { getCurrentLang } from './i18n';
import type { ErrorBody } from '../types/api';

export const API_BASE = '/api';

/** The error body of docs/api.md as an Error. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly requestId: string | null;
  /** Seconds from the Retry-After header (429). */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    requestId?: string | null;
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registered by the app shell: clears the auth query and routes to /login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null) {
  unauthorizedHandler = handler;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  params?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not run the global 401 handler (used by the login and "me" calls). */
  skipAuthRedirect?: boolean;
};

export function buildUrl(path: string, params?: QueryParams): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!params) return url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return null;
}

export function errorFromBody(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<ErrorBody>;
  return new ApiError({
    status,
    code: typeof b.code === 'string' ? b.code : status >= 500 ? 'INTERNAL' : 'ERROR',
    message: typeof b.message === 'string' && b.message ? b.message : `HTTP ${status}`,
    fields: b.fields && typeof b.fields === 'object' ? b.fields : undefined,
    requestId: typeof b.requestId === 'string' ? b.requestId : null,
    retryAfter: parseRetryAfter(retryAfterHeader),
  });
}

function handleUnauthorized(status: number, path: string, skip?: boolean) {
  if (status === 401 && !skip && !path.startsWith('/auth/login')) unauthorizedHandler?.();
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getCurrentLang(),
  };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      message:
        getCurrentLang() === 'en'
          ? 'Cannot reach the server. Check the network and try again.'
          : 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    });
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    handleUnauthorized(response.status, path, options.skipAuthRedirect);
    throw errorFromBody(response.status, data, response.headers.get('Retry-After'));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

export type UploadOptions = {
  fieldName?: string;
  /** POST (default) or PUT (e.g. a course cover). */
  method?: 'POST' | 'PUT';
  /** Other multipart fields, sent before the file. */
  fields?: Record<string, string | undefined>;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

/** Multipart upload with XMLHttpRequest so the UI can show upload progress. */
export function uploadFile<T>(path: string, file: Blob & { name?: string }, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', buildUrl(path));
    xhr.withCredentials = false; // same-origin cookies are sent anyway
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getCurrentLang());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) {
        options.onProgress(Math.round((event.loaded / event.total) * 100));
      }
    };
    xhr.onload = () => {
      let data: unknown = undefined;
      if (xhr.responseText) {
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = xhr.responseText;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(100);
        resolve(data as T);
      } else {
        handleUnauthorized(xhr.status, path);
        reject(errorFromBody(xhr.status, data, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          code: 'NETWORK',
          message:
            getCurrentLang() === 'en'
              ? 'Cannot reach the server. Check the network and try again.'
              : 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
        }),
      );
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    for (const [key, value] of Object.entries(options.fields ?? {})) {
      if (value !== undefined && value !== '') form.append(key, value);
    }
    form.append(options.fieldName ?? 'file', file, file.name ?? 'upload');
    xhr.send(form);
  });
}
