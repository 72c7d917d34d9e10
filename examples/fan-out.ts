/**
 * Fans a temperature sweep out over local processes, each one a stand-in for a serverless
 * invocation, and merges the results:
 *
 *   npx tsx examples/fan-out.ts [--sizes 16,24] [--temperatures 2.1,2.2,2.27,2.35,2.5] [--sweeps 20000] [--processes 2]
 *
 * 1. planSweep() splits the sweep into independent run jobs, each with its own derived seed.
 * 2. Each job goes to a fresh child process (examples/fan-out-child.mjs) as one JSON request
 *    through the fetch handler (`criticality/serverless`), with a sweep budget per request: a job that does not
 *    finish comes back as 'budget-exhausted' with a checkpoint and is sent again as a 'resume'
 *    request (the next invocation), until it completes.
 * 3. mergeResults() puts the results back in plan order, whatever order they finished in.
 * Any queue or function platform works the same way: the jobs and checkpoints are plain JSON.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { finiteLatticeExact } from 'criticality';
import { handle, mergeResults, planSweep, type Measurement, type RunJob } from 'criticality/serverless';

/** The child: one request through the handler (plain JavaScript: starts fast). */
const childScript = fileURLToPath(new URL('./fan-out-child.mjs', import.meta.url));

/** Parent: one "invocation" = one child process answering one request. */
function invoke(request: object): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [childScript], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const newline = out.indexOf('\n');
      if (code !== 0 || newline < 0) return reject(new Error(`child exited with code ${code}`));
      resolve({ status: Number(out.slice(0, newline)), body: JSON.parse(out.slice(newline + 1)) });
    });
    p.stdin.end(JSON.stringify(request));
  });
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function parent(): Promise<void> {
  const sizes = flag('sizes', '16,24').split(',').map(Number);
  const temperatures = flag('temperatures', '2.1,2.2,2.27,2.35,2.5').split(',').map(Number);
  const sweeps = Number(flag('sweeps', '20000'));
  const processes = Number(flag('processes', String(os.availableParallelism())));
  const budget = Math.ceil(sweeps / 3); // sweeps per invocation: forces a resume chain
  const jobs = planSweep({ sizes, temperatures, seed: 2024, thermalize: 1000, sweeps });
  console.log(`${jobs.length} jobs over ${processes} processes, at most ${budget} sweeps per invocation`);

  const results: Measurement[] = [];
  let invocations = 0;
  const queue = [...jobs];
  const t0 = Date.now();
  async function lane(): Promise<void> {
    for (let job = queue.shift(); job; job = queue.shift()) {
      let request: object = { job: 'run', options: job.options, thermalize: job.thermalize, sweeps: job.sweeps, budget: { sweeps: budget } };
      for (;;) {
        const { status, body } = await invoke(request);
        invocations++;
        if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body)}`);
        if (body.state === 'completed') {
          results.push(body.result as Measurement);
          break;
        }
        request = { job: 'resume', checkpoint: body.checkpoint, budget: { sweeps: budget } };
      }
    }
  }
  await Promise.all(Array.from({ length: processes }, lane));
  const merged = mergeResults(jobs, results);
  console.log(`${invocations} invocations in ${((Date.now() - t0) / 1000).toFixed(1)} s; merged: ${merged.state}`);
  console.log('   L      T     energy (+- err)      exact e     z     c (+- err)        exact c    z     binder');
  for (const { job, result: m } of merged.points as { job: RunJob; result: Measurement }[]) {
    const exact = finiteLatticeExact(m.size, m.temperature);
    const e = m.observables.energy;
    const c = m.observables.specificHeat;
    const z = (x: { mean: number; error: number }, v: number) => ((x.mean - v) / x.error).toFixed(2).padStart(5);
    console.log(
      `${String(job.options.size).padStart(4)} ${m.temperature.toFixed(3).padStart(6)}  ${e.mean.toFixed(5)} (${e.error.toFixed(5)})  ${exact.energy.toFixed(5)} ${z(e, exact.energy)}  ${c.mean.toFixed(3)} (${c.error.toFixed(3)})  ${exact.specificHeat.toFixed(3)} ${z(c, exact.specificHeat)}  ${m.observables.binder.mean.toFixed(4)}`,
    );
  }
}

await parent();
