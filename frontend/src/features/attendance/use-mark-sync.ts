import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { saveMarks } from './api/save-marks';
import { attendanceKeys } from './api/keys';
import { MarkSyncEngine, type KeyValueStore, type MarkInput, type SyncSnapshot } from './mark-sync';
import type { Mark, SessionMarks } from './types';

/** localStorage, or an in-memory stand-in when the browser refuses storage (private mode, disabled). */
function deviceStore(): KeyValueStore {
  try {
    const probe = '__dakbla_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const mem = new Map<string, string>();
    return {
      getItem: (k) => mem.get(k) ?? null,
      setItem: () => {
        throw new Error('storage unavailable');
      },
      removeItem: (k) => void mem.delete(k),
    };
  }
}

const EMPTY: SyncSnapshot = {
  pending: [],
  rejected: [],
  outcomes: {},
  online: true,
  syncing: false,
  lastError: null,
  nextRetryAt: null,
  storageFailed: false,
};

/**
 * The offline marking queue of one session wired to the browser: localStorage, the online/offline events,
 * and the cached marks (each answered batch updates the rows and counts the page shows).
 */
export function useMarkSync(sessionId: string) {
  const queryClient = useQueryClient();
  const engineRef = useRef<MarkSyncEngine | null>(null);
  const [snapshot, setSnapshot] = useState<SyncSnapshot>(EMPTY);

  useEffect(() => {
    const engine = new MarkSyncEngine({
      sessionId,
      store: deviceStore(),
      send: (rows) => saveMarks(sessionId, rows),
      online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
      onChange: setSnapshot,
      onBatch: (response) => {
        queryClient.setQueryData<SessionMarks>(attendanceKeys.marks(sessionId), (old) => {
          if (!old) return old;
          const byId = new Map<string, Mark>();
          for (const r of response.results) if (r.mark) byId.set(r.mark.rosterId, r.mark);
          return { ...old, counts: response.counts, items: old.items.map((i) => byId.get(i.rosterId) ?? i) };
        });
      },
    });
    engineRef.current = engine;
    setSnapshot(engine.snapshot());
    const online = () => engine.setOnline(true);
    const offline = () => engine.setOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    // marks left on the device by an earlier visit (a reload, a crash) are sent now
    void engine.flush();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      engine.dispose();
      if (engineRef.current === engine) engineRef.current = null;
    };
  }, [sessionId, queryClient]);

  const mark = useCallback((input: MarkInput) => engineRef.current?.mark(input), []);
  const markMany = useCallback((inputs: MarkInput[]) => engineRef.current?.markMany(inputs), []);
  const retryNow = useCallback(() => void engineRef.current?.retryNow(), []);
  const retryRejected = useCallback((ids?: string[], reason?: string) => engineRef.current?.retryRejected(ids, reason), []);
  const discardRejected = useCallback((id: string) => engineRef.current?.discardRejected(id), []);
  const setClockOffset = useCallback((ms: number) => engineRef.current?.setClockOffset(ms), []);

  return { snapshot, mark, markMany, retryNow, retryRejected, discardRejected, setClockOffset };
}
