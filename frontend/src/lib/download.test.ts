import { ApiError } from './api-client';
import { downloadWithProgress, fileNameFromDisposition, type DownloadProgress } from './download';

const encoder = new TextEncoder();

/** A streamed answer: the chunks arrive one by one, as from a server that flushes rows as it reads them. */
function streamed(chunks: string[], headers: Record<string, string>, status = 200) {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else controller.close();
    },
  });
  return new Response(body, { status, headers });
}

function stubSave() {
  const saved: { name: string; href: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  const create = jest.fn((blob: Blob) => {
    const href = `blob:test/${++n}`;
    blobs.set(href, blob);
    return href;
  });
  Object.assign(URL, { createObjectURL: create, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.getAttribute('href') ?? '', blob: blobs.get(this.getAttribute('href') ?? '') as Blob });
  });
  return { saved, restore: () => click.mockRestore() };
}

afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as { fetch?: unknown }).fetch;
});

describe('downloadWithProgress', () => {
  it('reports the rows announced by the server and the bytes received, then saves the file under its Vietnamese name', async () => {
    const rows = 2000;
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = [chunk, chunk, chunk, 'end'];
    const name = 'danh-sách-chưa-bồi-dưỡng.xlsx';
    const fetch = jest.fn(async () =>
      streamed(chunks, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="danh-sach.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'X-Export-Rows': String(rows),
      }),
    );
    (globalThis as { fetch: unknown }).fetch = fetch;
    const { saved, restore } = stubSave();
    const progress: DownloadProgress[] = [];
    try {
      const result = await downloadWithProgress('/api/exports/target-people.xlsx?targetId=t-1&trained=false', {
        fallbackName: 'fallback.xlsx',
        onProgress: (p) => progress.push(p),
      });
      const total = chunks.reduce((a, c) => a + c.length, 0);
      expect(result).toMatchObject({ fileName: name, bytes: total, rows });
      // the request carries the session cookie and the language
      expect(fetch).toHaveBeenCalledWith(
        '/api/exports/target-people.xlsx?targetId=t-1&trained=false',
        expect.objectContaining({ credentials: 'same-origin', headers: expect.objectContaining({ 'Accept-Language': 'vi' }) }),
      );
      // a report before the first byte, one per chunk, and the final one
      expect(progress).toHaveLength(chunks.length + 2);
      expect(progress.map((p) => p.bytes)).toEqual([0, 65536, 131072, 196608, total, total]);
      expect(progress.every((p) => p.rows === rows)).toBe(true);
      // estimated from the rows (no Content-Length on a streamed export): rising, below 100 until the end
      const percents = progress.map((p) => p.percent as number);
      expect(percents.slice(0, -1).every((p) => p >= 0 && p < 100)).toBe(true);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(percents[3]).toBeGreaterThan(50); // 192 KB of about 226 KB expected for 2,000 XLSX rows
      expect(progress[progress.length - 1]).toMatchObject({ done: true, percent: 100, rowsReceived: rows });
      expect(progress[2].rowsReceived).toBeGreaterThan(0);
      expect(progress[2].rowsReceived).toBeLessThan(rows);
      // saved once, under the server's name, with the whole content
      expect(saved).toHaveLength(1);
      expect(saved[0].name).toBe(name);
      expect(saved[0].blob.size).toBe(total);
      expect(saved[0].blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(document.querySelector('a[download]')).toBeNull(); // the temporary link is removed
    } finally {
      restore();
    }
  });

  it('gives an exact percentage when the server sends Content-Length', async () => {
    (globalThis as { fetch: unknown }).fetch = jest.fn(async () =>
      streamed(['a'.repeat(300), 'b'.repeat(700)], { 'Content-Length': '1000', 'Content-Disposition': 'attachment; filename="bao-cao-2026-06-15-v1.pdf"' }),
    );
    const { saved, restore } = stubSave();
    const progress: DownloadProgress[] = [];
    try {
      const r = await downloadWithProgress('/api/reports/r-1/report.pdf', { fallbackName: 'x.pdf', onProgress: (p) => progress.push(p) });
      expect(r.fileName).toBe('bao-cao-2026-06-15-v1.pdf');
      expect(progress.map((p) => p.percent)).toEqual([0, 30, 99, 100]);
      expect(progress.every((p) => p.rows === null && p.totalBytes === 1000)).toBe(true);
      expect(saved.map((s) => s.name)).toEqual(['bao-cao-2026-06-15-v1.pdf']);
    } finally {
      restore();
    }
  });

  it('turns an error answer into an ApiError with the server message, and saves nothing', async () => {
    (globalThis as { fetch: unknown }).fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { asOf: 'Ngày tính số liệu không được ở tương lai' } }), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const { saved, restore } = stubSave();
    try {
      const err = await downloadWithProgress('/api/exports/target-people.csv?targetId=t-1&asOf=2999-01-01', { fallbackName: 'x.csv' }).catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { asOf: 'Ngày tính số liệu không được ở tương lai' } });
      expect(saved).toHaveLength(0);
    } finally {
      restore();
    }
  });

  it('reports a network failure as a clear error', async () => {
    (globalThis as { fetch: unknown }).fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(downloadWithProgress('/api/exports/completions.xlsx', { fallbackName: 'x.xlsx' })).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('stops when aborted, without saving a partial file', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(encoder.encode('first rows'));
        return new Promise(() => undefined); // the server is slow: the next chunk never comes
      },
    });
    (globalThis as { fetch: unknown }).fetch = jest.fn(async () => new Response(body, { headers: { 'X-Export-Rows': '100000' } }));
    const { saved, restore } = stubSave();
    const controller = new AbortController();
    try {
      const pending = downloadWithProgress('/api/exports/target-people.xlsx?targetId=t-1', {
        fallbackName: 'x.xlsx',
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes > 0) controller.abort();
        },
      });
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      expect(saved).toHaveLength(0);
    } finally {
      restore();
    }
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name, falls back to the plain one, then to the fallback', () => {
    expect(fileNameFromDisposition(`attachment; filename="a.csv"; filename*=UTF-8''Danh%20s%C3%A1ch.csv`, 'f')).toBe('Danh sách.csv');
    expect(fileNameFromDisposition('attachment; filename="bao-cao.pdf"', 'f')).toBe('bao-cao.pdf');
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx', 'f')).toBe('plain.xlsx');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'f')).toBe('f'); // malformed escape, no plain name
    expect(fileNameFromDisposition(null, 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(fileNameFromDisposition('attachment', 'fallback.xlsx')).toBe('fallback.xlsx');
  });

  it('never returns a path', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'f')).toBe('.._.._etc_passwd');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fx.csv`, 'f')).toBe('.._.._x.csv');
  });
});
