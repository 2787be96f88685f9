import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadWithProgress, type DownloadProgress, type DownloadResult } from './download';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; label: string; progress: DownloadProgress | null }
  | { status: 'done'; label: string; result: DownloadResult }
  | { status: 'error'; label: string; error: Error };

/**
 * One download at a time with its progress (for <DownloadStatus>): start, cancel, and the last result or error.
 * Progress updates are throttled to ten a second so a large file does not re-render on every chunk.
 */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (url: string, fallbackName: string, label: string) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setState({ status: 'running', label, progress: null });
    let last = 0;
    try {
      const result = await downloadWithProgress(url, {
        fallbackName,
        signal: c.signal,
        onProgress: (progress) => {
          const now = Date.now();
          if (!progress.done && now - last < 100) return;
          last = now;
          if (!c.signal.aborted) setState({ status: 'running', label, progress });
        },
      });
      if (controller.current === c) setState({ status: 'done', label, result });
      return result;
    } catch (err) {
      if (controller.current !== c) return null; // replaced by a newer download
      if (c.signal.aborted) setState({ status: 'idle' });
      else setState({ status: 'error', label, error: err instanceof Error ? err : new Error(String(err)) });
      return null;
    } finally {
      if (controller.current === c) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ status: 'idle' });
  }, []);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, reset, running: state.status === 'running' };
}
