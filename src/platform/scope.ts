/** The Web Worker scope as a {@link ParentPort} (browsers, and Deno or Bun under the "node" condition). */
import type { Endpoint } from 'comlink';
import type { ParentPort } from './types.js';

export function scopePort(): ParentPort {
  const scope = globalThis as unknown as Endpoint & { postMessage(message: unknown): void };
  return {
    postMessage: (message) => scope.postMessage(message),
    onceMessage: (listener) => scope.addEventListener('message', (event) => listener((event as MessageEvent).data), { once: true } as never),
    endpoint: () => scope,
  };
}
