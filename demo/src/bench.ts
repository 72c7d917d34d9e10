/**
 * The benchmark page: runs bench/suite.ts in the browser, in a Web Worker (src/bench-worker.ts)
 * so that the engine with workers on one lattice can block as it must, and shows the results as
 * a table with WASM vs JS ratios measured in the same run. Headless runs (npm run bench:browser)
 * open it with ?auto=1 and read `window.__benchResult` when the title becomes "done".
 */
import { NAMES } from '../../bench/engines.js';
import { ratio, type SuiteResult } from '../../bench/suite.js';
import type { BenchMessage, BenchRequest } from './bench-worker.js';

const params = new URLSearchParams(location.search);
const sizes = (params.get('sizes') ?? '256,1024,4096').split(',').map(Number);
const time = Number(params.get('time') ?? '1500');
/** Engine names separated by ";" (bench/engines.ts); all by default. */
const engines = params.get('engines')?.split(';');
const log = document.getElementById('log')!;
const status = document.getElementById('status')!;
const button = document.getElementById('start') as HTMLButtonElement;
const table = document.getElementById('table') as HTMLTableElement;
const summary = document.getElementById('summary')!;

declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
  }
}

function cell(text: string): HTMLTableCellElement {
  return Object.assign(document.createElement('td'), { textContent: text });
}

/** One row per engine and size, with a bar scaled to the fastest. */
function showTable(result: SuiteResult): void {
  const body = table.tBodies[0];
  body.replaceChildren();
  const fastest = Math.max(...result.flips.map((f) => f.flipsPerNs));
  for (const f of [...result.flips].sort((a, b) => a.size - b.size || b.flipsPerNs - a.flipsPerNs)) {
    const row = body.insertRow();
    const bar = document.createElement('td');
    bar.className = 'bar';
    bar.append(Object.assign(document.createElement('div'), { className: 'fill' }));
    (bar.firstChild as HTMLElement).style.width = `${(100 * f.flipsPerNs) / fastest}%`;
    row.append(cell(f.engine), cell(String(f.size)), cell(f.flipsPerNs.toFixed(3)), cell(`${f.rme.toFixed(1)}%`), bar);
  }
  for (const u of result.unavailable) {
    const row = body.insertRow();
    const reason = cell(`unavailable: ${u.reason}`);
    reason.className = 'note';
    reason.colSpan = 3;
    row.append(cell(u.engine), cell(String(u.size)), reason);
  }
  table.hidden = false;
  summary.replaceChildren();
  for (const size of sizes) {
    const vsJs = ratio(result.flips, NAMES.simd, NAMES.jsPacked, size);
    const vsDemo = ratio(result.flips, NAMES.simd, NAMES.demo, size);
    if (!Number.isFinite(vsJs) && !Number.isFinite(vsDemo)) continue;
    const box = document.createElement('div');
    box.append(Object.assign(document.createElement('strong'), { textContent: `${Number.isFinite(vsJs) ? vsJs.toFixed(1) : '-'}×` }), `WASM SIMD vs JS at L = ${size}`);
    if (Number.isFinite(vsDemo)) box.append(Object.assign(document.createElement('div'), { textContent: `${vsDemo.toFixed(0)}× a typical JS demo` }));
    summary.append(box);
  }
}

async function run(): Promise<void> {
  button.disabled = true;
  status.textContent = `running (sizes ${sizes.join(', ')}, ${time} ms per task)…`;
  try {
    const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
    const result = await new Promise<Extract<BenchMessage, { type: 'done' }>['result']>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<BenchMessage>) => {
        const message = event.data;
        if (message.type === 'line') {
          log.textContent += `${message.line}\n`;
          status.textContent = message.line.replace(/\s+/g, ' ');
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
    showTable(result);
    window.__benchResult = { environment, ...result };
    const cold = result.coldStart.map((c) => `${c.core} core ${c.medianMs.toFixed(1)} ms`).join(', ');
    status.textContent = `Done. Cold start: ${cold}. Packed kernel: ${result.packedCost.randomBitsPerSpin.toFixed(1)} random bits per spin.${environment.crossOriginIsolated ? '' : ' (This page is not cross-origin isolated, so the engine with two workers on one lattice cannot run here.)'}`;
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
