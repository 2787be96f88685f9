import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });

/** Evaluates (min-width: Npx) / (max-width: Npx) against window.innerWidth (jsdom: 1024 px), so antd's Grid works. */
function evaluateMediaQuery(query: string): boolean {
  const width = window.innerWidth;
  const min = /min-width:\s*(\d+)px/.exec(query);
  const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
  if (!min && !max) return false;
  return (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
}

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string) => ({
      matches: evaluateMediaQuery(query),
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(window, { ResizeObserver: ResizeObserverStub });
}

// jsdom does not implement getComputedStyle for pseudo elements; antd calls it for scrollbars.
const originalGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (elt: Element, pseudo?: string | null) => originalGetComputedStyle(elt, pseudo ? undefined : pseudo);

window.scrollTo = () => undefined;

afterEach(() => {
  localStorage.clear();
});

// rc-form schedules watchers through MessageChannel; jsdom has none, and Node's keeps Jest alive.
if (typeof globalThis.MessageChannel === 'undefined') {
  type Port = { onmessage: ((e: { data: unknown }) => void) | null; postMessage: (data: unknown) => void; close: () => void };
  class MessageChannelPolyfill {
    port1: Port;
    port2: Port;
    constructor() {
      const make = (): Port => ({ onmessage: null, postMessage: () => undefined, close: () => undefined });
      this.port1 = make();
      this.port2 = make();
      this.port1.postMessage = (data) => setTimeout(() => this.port2.onmessage?.({ data }), 0);
      this.port2.postMessage = (data) => setTimeout(() => this.port1.onmessage?.({ data }), 0);
    }
  }
  Object.assign(globalThis, { MessageChannel: MessageChannelPolyfill });
}

// antd screens are heavy in jsdom, and the machine is shared (one screen took 9 s to render under load): give async
// queries far more time than the 1 s default; a query for something that never appears still fails.
configure({ asyncUtilTimeout: 20000 });

// On CI (a shared machine under load), a test that fails is run once more, as the e2e suite does (playwright.config.ts
// retries: 1 on CI); its first error is printed, and a test that fails twice fails the run.
if (process.env.CI) jest.retryTimes(1, { logErrorsBeforeRetry: true });
