// How the job runner groups steps into batches (src/jobs/runner.ts), on a fake work whose steps cost
// a known time: batches must not collapse to single steps, each paying a call's overhead. Two ways
// they did: the tail of every chunk (each batch sized to a fraction of the time left, down to one
// step), and one timing stretched by a pause of the thread (garbage collection, another process),
// taken for the speed of the steps until single-step batches had been timed for 0.5 ms.
import { describe, expect, it } from 'vitest';
import { runChunks } from '../src/jobs/runner.js';
import type { ChunkedWork } from '../src/jobs/work.js';

/** Busy-waits `ms` (the fake steps must take wall time, as real ones do). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

interface Batch { steps: number; chunk: number }

/**
 * A run of `total` steps of STEP_MS each, each doing 1/64 of a sweep (a Wolff cluster of 64 spins on
 * 4096 sites; a step may cost a whole sweep, so the runner's worst-case bound allows batches of about
 * 15 ms / (64 x STEP_MS) = 234 steps), with one pause of `pauseMs` inside the batch that reaches `pauseAt`.
 */
function fakeWork(total: number, pauseAt: number, pauseMs: number, batches: Batch[], chunk: () => number): ChunkedWork {
  const sites = 4096;
  let done = 0;
  let paused = false;
  return {
    sites,
    get done() { return done; },
    total,
    get phase() { return done === total ? 'done' as const : 'measure' as const; },
    get work() { return done / 64; },
    maxStepWork: 1,
    advance(asked: number) {
      const n = Math.min(asked, total - done);
      batches.push({ steps: n, chunk: chunk() });
      spin(n * STEP_MS);
      if (!paused && done + n >= pauseAt) {
        paused = true;
        spin(pauseMs);
      }
      done += n;
      return n;
    },
    checkpoint: () => new Uint8Array(0),
  };
}
const STEP_MS = 0.001;

describe('job runner batches', { timeout: 60_000 }, () => {
  it('no single-step batches after a pause of the thread, nor at the tail of each chunk', async () => {
    const batches: Batch[] = [];
    let chunks = 0;
    const work = fakeWork(60_000, 10_000, 8, batches, () => chunks);
    const { state } = await runChunks(work, {
      chunkMs: 15,
      yield: async () => {
        chunks++;
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(state).toBe('completed');
    // the first batches of the call grow from one step (1, 2, 4, ...): skip them
    const settled = batches.slice(batches.findIndex((b) => b.steps >= 16));
    const single = settled.filter((b) => b.steps === 1).length;
    const sizes = settled.map((b) => b.steps).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1];
    // within each chunk after the first (where the sizes ramp up), no batch after the chunk's first is
    // below a quarter of the chunk's largest; the run's last batch (what was left) aside
    const first = batches[0].chunk;
    let tail = 0;
    for (let c = first + 1; c <= chunks; c++) {
      const inChunk = batches.slice(0, -1).filter((b) => b.chunk === c).map((b) => b.steps);
      const largest = Math.max(...inChunk);
      tail += inChunk.slice(1).filter((s) => 4 * s < largest).length;
    }
    console.log(`${batches.length} batches in ${chunks} chunks, median ${median} steps, ${single} of one step, ${tail} in chunk tails`);
    // a few may come from pauses of this test's own thread on a busy machine; the old runner made hundreds
    expect(single).toBeLessThan(20);
    expect(tail).toBeLessThan(20);
  });

  it('a call with a deadline ends at it without a tail of single steps', async () => {
    const batches: Batch[] = [];
    let chunks = 0;
    const work = fakeWork(1_000_000, Infinity, 0, batches, () => chunks);
    const t0 = performance.now();
    const { state } = await runChunks(work, {
      chunkMs: 15,
      deadline: Date.now() + 40,
      yield: async () => {
        chunks++;
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const ms = performance.now() - t0;
    expect(state).toBe('budget-exhausted');
    const settled = batches.slice(batches.findIndex((b) => b.steps >= 16));
    const small = settled.filter((b) => b.steps < 8).length;
    console.log(`${batches.length} batches in ${chunks} chunks, ${small} below 8 steps, ${ms.toFixed(1)} ms`);
    expect(small).toBeLessThan(10);
    expect(ms).toBeLessThan(40 + 500); // a late end only on a busy machine
    expect(ms).toBeGreaterThan(20); // and not far before the deadline
  });
});
