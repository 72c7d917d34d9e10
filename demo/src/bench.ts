/**
 * The benchmark page: runs bench/suite.ts in the browser. Headless runs (npm run bench:browser)
 * open it with ?auto=1 and read `window.__benchResult` when the title becomes "done".
 */
import { runSuite } from '../../bench/suite.js';

const params = new URLSearchParams(location.search);
const sizes = (params.get('sizes') ?? '256,1024,4096').split(',').map(Number);
const time = Number(params.get('time') ?? '1500');
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
    const result = await runSuite({ sizes, time, log: (line) => { log.textContent += `${line}\n`; console.log(line); } });
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
