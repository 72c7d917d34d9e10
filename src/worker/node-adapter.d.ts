// Types for Comlink's Node adapter (the package ships the module without a matching .d.mts).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  /** The subset of a worker_threads Worker or MessagePort the adapter uses. */
  export interface NodeEndpoint {
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(type: string, listener: (value: unknown) => void): void;
    off(type: string, listener: (value: unknown) => void): void;
    start?: () => void;
  }

  /** Wraps a worker_threads Worker or parentPort as a Comlink Endpoint. */
  export default function nodeEndpoint(endpoint: NodeEndpoint): Endpoint;
}
