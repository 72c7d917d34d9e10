// The job runner honours a time slice whatever a step costs. A hot-started Wolff lattice at low T
// flips clusters of a few spins for its first ~1000 steps, then, once one domain wins, clusters of
// the whole lattice (about 10^5 times the work a step): a runner that sized its chunks from the
// speed of the early steps ran seconds past a 50 ms slice. Bounds are generous multiples of the
// slice (the machine may be busy); the old runner missed them by an order of magnitude. How the
// steps are grouped never changes them: the result of a sliced job is identical to measure().
import { describe, expect, it } from 'vitest';
import { continueRun, createSimulation, executeJob, type JobResult, type RunJob } from '../src/index.js';

const SLICE_MS = 50;
/** A slice may end this late (one whole-lattice cluster is ~5-15 ms at L = 512; the rest is room for a loaded machine; the old runner: 5.7-11 s). */
const LATE_MS = 2500;
/** A chunk of 15 ms may end this late (the old runner: 2.1 s for this job). */
const LATE_CHUNK_MS = 1500;

describe('time slices of state-dependent steps', { timeout: 120_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`hot-started Wolff at T = 1.5, L = 512: every ${SLICE_MS} ms slice ends in time, through the ordering (${backend})`, async () => {
      const sim = await createSimulation({ size: 512, temperature: 1.5, algorithm: 'wolff', start: 'hot', seed: 3, backend });
      try {
        const plan = { thermalize: 1_000_000, sweeps: 2 };
        let r: JobResult = await continueRun(sim, plan, { deadline: Date.now() + SLICE_MS });
        const durations: number[] = [r.progress.elapsedMs];
        // on through the jump from tiny clusters to whole-lattice ones (|m| -> 1)
        while (durations.length < 40 && r.state === 'budget-exhausted' && Math.abs(sim.magnetization()) < 0.9) {
          r = await continueRun(sim, r.checkpoint, { deadline: Date.now() + SLICE_MS });
          durations.push(r.progress.elapsedMs);
        }
        expect(Math.abs(sim.magnetization())).toBeGreaterThan(0.9); // the ordering happened within the slices
        console.log(`${backend}: ${durations.length} slices, longest ${Math.max(...durations)} ms`);
        expect(Math.max(...durations)).toBeLessThan(SLICE_MS + LATE_MS);
      } finally {
        sim.dispose();
      }
    });
  }

  it('chunks stay short without a deadline too (the gaps between yields)', async () => {
    const job: RunJob = { kind: 'run', options: { size: 512, temperature: 1.5, algorithm: 'wolff', start: 'hot', seed: 5, backend: 'wasm' }, thermalize: 2500, sweeps: 2 };
    const gaps: number[] = [];
    let last = performance.now();
    const r = await executeJob(job, {
      chunkMs: 15,
      yield: async () => {
        const now = performance.now();
        gaps.push(now - last);
        await new Promise((resolve) => setImmediate(resolve));
        last = performance.now();
      },
    });
    expect(r.state).toBe('completed');
    console.log(`${gaps.length} chunks, longest ${Math.max(...gaps).toFixed(1)} ms`);
    expect(Math.max(...gaps)).toBeLessThan(15 + LATE_CHUNK_MS);
    expect(gaps.length).toBeGreaterThan(10);
  });

  it('a hot-started Wolff job run in slices is identical to measure() with the same seed', async () => {
    const job: RunJob = { kind: 'run', options: { size: 64, temperature: 1.5, algorithm: 'wolff', start: 'hot', seed: 11 }, thermalize: 1500, sweeps: 1500 };
    const sim = await createSimulation(job.options);
    const direct = sim.measure({ thermalize: 1500, sweeps: 1500 });
    sim.dispose();
    let r = await executeJob(job, { deadline: Date.now() + 2, chunkMs: 0.5 });
    let calls = 1;
    while (r.state !== 'completed') {
      expect(r.state).toBe('budget-exhausted');
      r = await executeJob(r.checkpoint, { deadline: Date.now() + 3, chunkMs: 1 });
      calls++;
    }
    expect(calls).toBeGreaterThan(1);
    expect(r.result).toEqual(direct);
  });
});
