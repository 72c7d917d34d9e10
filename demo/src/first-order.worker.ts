/**
 * The first-order worker: the two long computations of the first-order view, off the page's main
 * thread and apart from the live run. A multicanonical run of the Potts model (the library's
 * `multicanonical`: Wang-Landau weights, then production with frozen weights, reweighting and the
 * first-order analysis with k = q ordered phases), of which the page gets P(e) at the
 * finite-lattice transition, the peaks and the latent heat; and a hysteresis ramp (the library's
 * `hysteresis`), whose points are sent one by one as they are measured (`onPoint`), so that the
 * page draws the loop as it grows. The page stops a job by ending this worker.
 */
import { hysteresis, multicanonical } from 'criticality';
import { firstOrderSummary, type MulticanonicalSummary } from './analysis.js';
import type { FromFirstOrder, ToFirstOrder } from './protocol.js';

const scope = globalThis as unknown as {
  postMessage(message: FromFirstOrder): void;
  onmessage: ((event: MessageEvent<ToFirstOrder>) => void) | null;
};

async function run(message: ToFirstOrder): Promise<void> {
  const t0 = performance.now();
  if (message.type === 'multicanonical') {
    const { id, q, size, seed, backend } = message;
    const r = await multicanonical({ q, size, seed, backend });
    const summary: MulticanonicalSummary = { q, size, seconds: (performance.now() - t0) / 1000, ...firstOrderSummary(r.firstOrder), tunnelings: r.production.tunnelings, warnings: r.warnings };
    scope.postMessage({ type: 'multicanonical', id, summary });
    return;
  }
  const { id, q, size, algorithm, seed, backend, field, temperatures, sweeps } = message;
  const loop = await hysteresis({ model: 'potts', q, size, algorithm, seed, backend, field, temperatures, sweeps, onPoint: (point) => scope.postMessage({ type: 'hysteresis-point', id, point }) });
  scope.postMessage({ type: 'hysteresis-done', id, loopArea: loop.loopArea, seconds: (performance.now() - t0) / 1000 });
}

scope.onmessage = (event) => {
  const message = event.data;
  run(message).catch((error: unknown) => scope.postMessage({ type: 'error', id: message.id, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
};
