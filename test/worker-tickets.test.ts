// The tickets that hand out blocks of rows to the workers of one packed lattice (src/worker/control.ts,
// takeTicket): two threads taking tickets as fast as they can, half-sweep after half-sweep without a
// barrier between them, must take every ticket of every half-sweep exactly once, and never one of
// the next half-sweep's before its time (the limit). A lost or doubled ticket would leave a block of
// rows unswept or swept twice.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { NEXT, takeTicket } from '../src/worker/control.js';

const HALF_SWEEPS = 400;
const BLOCKS = 16;

describe('block tickets', () => {
  it('one thread: the tickets below the limit in order, then -1; the next limit goes on from there', () => {
    const ints = new Int32Array(new SharedArrayBuffer((NEXT + 2) * 4));
    const first = [0, 1, 2].map(() => takeTicket(ints, 2));
    expect(first).toEqual([0, 1, -1]);
    expect([takeTicket(ints, 4), takeTicket(ints, 4), takeTicket(ints, 4)]).toEqual([2, 3, -1]);
  });

  it('two threads: every ticket of every half-sweep taken exactly once', async () => {
    const ints = new Int32Array(new SharedArrayBuffer((NEXT + 2) * 4));
    const taken = new Int32Array(new SharedArrayBuffer(HALF_SWEEPS * BLOCKS * 4)).fill(-1);
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const control = pathToFileURL(resolve('dist/worker/control.js')).href;
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(${JSON.stringify(control)}).then(({ takeTicket }) => {
        const { ints, taken, gate, id, halfSweeps, blocks } = workerData;
        // start together: each says it is ready, then waits for the other
        Atomics.add(gate, 0, 1);
        while (Atomics.load(gate, 0) < 2);
        let sink = 0;
        for (let h = 0; h < halfSweeps; h++) {
          for (let t = takeTicket(ints, (h + 1) * blocks); t >= 0; t = takeTicket(ints, (h + 1) * blocks)) {
            if (t < h * blocks) throw new Error('ticket ' + t + ' of an earlier half-sweep');
            if (Atomics.compareExchange(taken, t, -1, id) !== -1) throw new Error('ticket ' + t + ' taken twice');
            for (let i = 0; i < 2000; i++) sink += i; // a block's work
          }
        }
        parentPort.postMessage(sink);
      });`;
    const run = (id: number) =>
      new Promise<void>((done, fail) => {
        const worker = new Worker(code, { eval: true, workerData: { ints, taken, gate, id, halfSweeps: HALF_SWEEPS, blocks: BLOCKS } });
        worker.on('message', () => done());
        worker.on('error', fail);
      });
    await Promise.all([run(0), run(1)]);
    expect(taken.every((id) => id === 0 || id === 1)).toBe(true);
    // both threads took some (they started together and ran at the same time)
    const byFirst = taken.filter((id) => id === 0).length;
    expect(byFirst).toBeGreaterThan(0);
    expect(byFirst).toBeLessThan(taken.length);
    expect(Atomics.load(ints, NEXT)).toBe(HALF_SWEEPS * BLOCKS);
  });
});
