/**
 * jsdom plus the WHATWG fetch classes of Node (Request, Response, Headers, AbortController…):
 * React Router 7 data routers build a Request for every navigation, and jsdom does not provide one.
 * The AbortController/AbortSignal must come from the same realm as Request, so they are copied too.
 */
const JsdomEnvironment = require('jest-environment-jsdom').default ?? require('jest-environment-jsdom');

class JsdomWithFetchEnvironment extends JsdomEnvironment {
  constructor(...args) {
    super(...args);
    for (const name of ['Request', 'Response', 'Headers', 'FormData', 'Blob', 'AbortController', 'AbortSignal', 'ReadableStream', 'structuredClone', 'TextEncoder', 'TextDecoder']) {
      if (typeof globalThis[name] !== 'undefined') this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetchEnvironment;
