import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AttemptSyncEngine, loadStored, mergeWithServer, type KeyValueStorage } from './attempt-sync';
import type { ServerClock } from './server-clock';
import { saveAnswer } from './api/my-quiz';
import type { Attempt } from './types';

export function browserStorage(): KeyValueStorage | null {
  try {
    const s = globalThis.localStorage;
    const probe = '__dakbla_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

const isOnline = () => (typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' ? true : navigator.onLine);

/**
 * The answer queue of one attempt bound to the browser: PUT /me/attempts/:id/answers/:slot as transport (each
 * answer also sets the server clock), localStorage, the online/offline events, and a flush when the page is
 * hidden or left.
 */
export function useAttemptSync(
  attempt: Attempt,
  clock: ServerClock,
  handlers: { onStale: () => void },
) {
  // the latest handlers without re-creating the engine
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const [engine] = useState(() => {
    const storage = browserStorage();
    return new AttemptSyncEngine({
      initial: mergeWithServer(attempt, loadStored(storage, attempt.id)),
      storage,
      online: isOnline(),
      send: (slot, body, signal) => {
        const sentAt = clock.mark();
        return saveAnswer(attempt.id, slot, body, signal).then((ack) => {
          clock.sync(ack.serverNow, sentAt);
          return ack;
        });
      },
      onStale: () => handlersRef.current.onStale(),
    });
  });

  useEffect(() => {
    engine.start();
    const online = () => engine.setOnline(true);
    const offline = () => engine.setOnline(false);
    const hide = () => {
      if (document.visibilityState === 'hidden') engine.flush();
    };
    const leave = () => engine.flush();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', hide);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', hide);
      window.removeEventListener('pagehide', leave);
      engine.detach();
    };
  }, [engine]);

  const snapshot = useSyncExternalStore(engine.subscribe, engine.getSnapshot);
  return { engine, snapshot };
}
