/**
 * The benchmark page: runs bench/suite.ts in the browser, in a Web Worker (src/bench-worker.ts)
 * so that the engine with workers on one lattice can block as it must. Headless runs
 * (npm run bench:browser) open it with ?auto=1 and read `window.__benchResult` when the title
 * becomes "done".
 */
import type { BenchMessage, BenchRequest } from './bench-worker.js';

const params = new URLSearchParams(location.search);
const sizes = (params.get('sizes') ?? '256,1024,4096').split(',').map(Number);
const time = Number(params.get('time') ?? '1500');
/** Engine names separated by ";" (bench/engines.ts); all by default. */
const engines = params.get('engines')?.split(';');
const log = document.getElementById('log')!;
const status = document.getElementById('status')!;
const button = document.getElementById('start') as HTMLButtonElement;

declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
  }
}

async function run(): Promise<void> {
  button.disabled = true;
  status.textContent = `running (sizes ${sizes.join(', ')}, ${time} ms per task)...`;
  try {
    const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
    const result = await new Promise<Extract<BenchMessage, { type: 'done' }>['result']>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<BenchMessage>) => {
        const message = event.data;
        if (message.type === 'line') {
          log.textContent += `${message.line}\n`;
          console.log(message.line);
        } else if (message.type === 'done') resolve(message.result);
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => reject(new Error(`benchmark worker failed: ${event.message}`));
      worker.postMessage({ sizes, time, engines } satisfies BenchRequest);
    });
    worker.terminate();
    const environment = {
      runtime: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      hardwareConcurrency: navigator.hardwareConcurrency,
    };
    for (const c of result.coldStart) log.textContent += `cold start (${c.core}): ${c.medianMs.toFixed(2)} ms\n`;
    window.__benchResult = { environment, ...result };
    status.textContent = 'done';
  } catch (error) {
    window.__benchError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    status.textContent = `failed: ${window.__benchError}`;
  } finally {
    document.title = 'done';
    button.disabled = false;
  }
}

button.addEventListener('click', () => void run());
if (params.get('auto') === '1') void run();
