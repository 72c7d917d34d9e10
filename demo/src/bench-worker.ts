/**
 * Runs the benchmark suite inside a Web Worker: a thread that may block, so the engine with
 * workers on one shared lattice can run too (the page is cross-origin isolated).
 */
import { ENGINES } from '../../bench/engines.js';
import { runSuite } from '../../bench/suite.js';

export interface BenchRequest {
  sizes: number[];
  time: number;
  /** Names of the engines to run (bench/engines.ts); all when absent. */
  engines?: string[];
}

export type BenchMessage =
  | { type: 'line'; line: string }
  | { type: 'done'; result: Awaited<ReturnType<typeof runSuite>> }
  | { type: 'error'; message: string };

const scope = globalThis as unknown as { postMessage(message: BenchMessage): void; onmessage: ((event: MessageEvent<BenchRequest>) => void) | null };

scope.onmessage = async (event) => {
  try {
    const { sizes, time, engines } = event.data;
    const chosen = engines ? ENGINES.filter((e) => engines.includes(e.name)) : ENGINES;
    const result = await runSuite({ sizes, time, engines: chosen, log: (line) => scope.postMessage({ type: 'line', line }) });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
