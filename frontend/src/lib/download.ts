import { ApiError, errorFromBody } from './api-client';
import { getCurrentLang } from './i18n';

/** How far a download has come. */
export type DownloadProgress = {
  /** bytes received so far */
  bytes: number;
  /** rows the server announced in X-Export-Rows (null when it does not say) */
  rows: number | null;
  /** Content-Length when the server sent one (streamed exports do not) */
  totalBytes: number | null;
  /** 0–100: exact from Content-Length, else estimated from the rows; null when there is nothing to estimate from */
  percent: number | null;
  /** rows received so far, estimated from the bytes (null without X-Export-Rows) */
  rowsReceived: number | null;
  done: boolean;
};

export type DownloadResult = { fileName: string; bytes: number; rows: number | null; type: string };

export type DownloadOptions = {
  /** file name when the answer has no Content-Disposition */
  fallbackName: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** average bytes of one row, to estimate the share received (default: by format, see BYTES_PER_ROW) */
  bytesPerRow?: number;
  /** do not hand the file to the browser (tests, previews): only return it */
  save?: boolean;
};

/**
 * Average size of one row of the HR lists (14 columns of Vietnamese text), measured on the demo exports:
 * XLSX is deflated (≈ 110 bytes a row), CSV is plain UTF-8 (≈ 170 bytes a row). Only an estimate for the
 * progress bar: it stops at 99 % until the last byte arrives.
 */
export const BYTES_PER_ROW = { xlsx: 110, csv: 170, other: 150 } as const;
/** Title rows, header, styles and the zip directory of an XLSX. */
const FIXED_BYTES = { xlsx: 6_000, csv: 600, other: 2_000 } as const;

type Format = keyof typeof BYTES_PER_ROW;

function formatOf(name: string, type: string): Format {
  if (/\.xlsx$/i.test(name) || type.includes('spreadsheetml')) return 'xlsx';
  if (/\.csv$/i.test(name) || type.includes('text/csv')) return 'csv';
  return 'other';
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` first, then `filename="…"`. */
export function fileNameFromDisposition(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      const name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      if (name) return safeName(name, fallback);
    } catch {
      /* a malformed escape: use the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = plain ? (plain[1] ?? plain[2] ?? '').trim() : '';
  return name ? safeName(name, fallback) : fallback;
}

/** No path separators or control characters in a name the browser will save. */
function safeName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\\/\u0000-\u001f]/g, '_').normalize('NFC').trim();
  return clean || fallback;
}

function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'NETWORK',
    message:
      getCurrentLang() === 'en'
        ? 'Cannot reach the server. Check the network and try again.'
        : 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  });
}

/** Hands a blob to the browser as a download under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  if (typeof URL.createObjectURL !== 'function') return; // jsdom without a stub
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/**
 * Downloads a file of the API (same-origin cookie) while reporting progress, then saves it under the
 * server's file name. Streamed exports announce their rows in `X-Export-Rows` but no Content-Length:
 * the share received is then estimated from the rows. Errors of the API come back as ApiError
 * (with the server's message), an abort as the DOMException "AbortError".
 */
export async function downloadWithProgress(url: string, options: DownloadOptions): Promise<DownloadResult & { blob: Blob }> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': getCurrentLang() },
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw networkError();
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw errorFromBody(response.status, body, response.headers.get('Retry-After'));
  }

  const headerRows = Number.parseInt(response.headers.get('X-Export-Rows') ?? '', 10);
  const rows = Number.isFinite(headerRows) && headerRows >= 0 ? headerRows : null;
  // Content-Length counts the encoded bytes: only usable when the body is not compressed
  const encoded = !!response.headers.get('Content-Encoding');
  const headerLength = Number.parseInt(response.headers.get('Content-Length') ?? '', 10);
  const totalBytes = !encoded && Number.isFinite(headerLength) && headerLength > 0 ? headerLength : null;
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition'), options.fallbackName);
  const format = formatOf(fileName, type);
  const perRow = options.bytesPerRow ?? BYTES_PER_ROW[format];
  const estimate = rows === null ? null : FIXED_BYTES[format] + rows * perRow;

  const report = (bytes: number, done: boolean) => {
    if (!options.onProgress) return;
    let percent: number | null = null;
    if (done) percent = 100;
    else if (totalBytes) percent = Math.min(99, Math.floor((bytes / totalBytes) * 100));
    else if (estimate) percent = Math.min(99, Math.floor((bytes / estimate) * 100));
    const rowsReceived =
      rows === null ? null : done ? rows : Math.min(rows, Math.max(0, Math.floor((bytes - FIXED_BYTES[format]) / perRow)));
    options.onProgress({ bytes, rows, totalBytes, percent, rowsReceived, done });
  };

  report(0, false);
  const chunks: BlobPart[] = [];
  let bytes = 0;
  const reader = response.body && typeof response.body.getReader === 'function' ? response.body.getReader() : null;
  if (reader) {
    const onAbort = () => void reader.cancel().catch(() => undefined);
    options.signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (err) {
          if (options.signal?.aborted) throw new DOMException('Download aborted', 'AbortError');
          throw err instanceof Error && err.name === 'AbortError' ? err : networkError();
        }
        if (options.signal?.aborted) throw new DOMException('Download aborted', 'AbortError');
        if (chunk.done) break;
        chunks.push(chunk.value as BlobPart);
        bytes += chunk.value.byteLength;
        report(bytes, false);
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  } else {
    // no stream (old browsers, test doubles): the whole answer at once
    const whole = typeof response.blob === 'function' ? await response.blob() : new Blob([await response.text()]);
    chunks.push(whole);
    bytes = whole.size;
  }
  if (totalBytes !== null && bytes < totalBytes) throw networkError(); // the connection dropped mid-file
  const blob = new Blob(chunks, { type });
  report(bytes, true);
  if (options.save !== false) saveBlob(blob, fileName);
  return { fileName, bytes, rows, type, blob };
}
