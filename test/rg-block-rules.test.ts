// Block-spin rules on hand-made lattices: majority of b x b blocks (ties broken by the RG stream,
// one draw per tied block in row-major block order), odd b without ties, decimation, and the
// multi-level pyramid; the same on both simulation backends and on the standalone JS twin.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, childSeed, coarseGrain, createSimulation, RG_STREAM, seedState, Xoshiro128 } from '../src/index.js';
import type { BackendName, BlockSpinOptions, Simulation } from '../src/index.js';

/** A lattice from rows of '+' and '-'. */
function lattice(rows: string[]): Int8Array {
  return Int8Array.from(rows.join('').split(''), (c) => (c === '+' ? 1 : -1));
}

function text(spins: Int8Array, size: number): string[] {
  return Array.from({ length: size }, (_, y) => Array.from(spins.slice(y * size, (y + 1) * size), (s) => (s > 0 ? '+' : '-')).join(''));
}

/** The spins the first `n` tie draws of the RG stream with `seed` give. */
function tieSpins(seed: number, n: number): string {
  const g = new Xoshiro128(seedState(seed));
  return Array.from({ length: n }, () => (g.next() >>> 31 ? '+' : '-')).join('');
}

async function simulationWith(spins: Int8Array, size: number, backend: BackendName, seed = 1): Promise<Simulation> {
  const sim = await createSimulation({ size, backend, seed, start: 'cold' });
  sim.restore({ ...sim.snapshot(), spins });
  return sim;
}

/** The pyramid from the standalone JS twin and from both simulation backends; all must agree. */
async function pyramids(spins: Int8Array, size: number, options: BlockSpinOptions) {
  const standalone = coarseGrain(spins, options);
  for (const backend of ['wasm', 'js'] as const) {
    const sim = await simulationWith(spins, size, backend);
    const p = blockSpinPyramid(sim, options);
    expect(p.lattices, backend).toEqual(standalone.lattices);
    expect(p.ties, backend).toBe(standalone.ties);
    expect(sim.spins(), `${backend}: the lattice is not changed`).toEqual(spins);
  }
  return standalone;
}

describe('block-spin rules on hand-made lattices', { timeout: 60_000 }, () => {
  it('majority with b = 2: clear blocks by sign, ties from the RG stream in row-major block order', async () => {
    const spins = lattice([
      '++--+-+-',
      '+-----++',
      '+--+-++-',
      '-+++-++-',
      '+++++---',
      '++++----',
      '--++++-+',
      '-++--+-+',
    ]);
    // blocks (row-major), [top row / bottom row]:
    //   [++/+-]=+   [--/--]=-   [+-/--]=-   [+-/++]=+
    //   [+-/-+]=tie [-+/++]=+   [-+/-+]=tie [+-/+-]=tie
    //   [++/++]=+   [++/++]=+   [+-/--]=-   [--/--]=-
    //   [--/-+]=-   [++/+-]=+   [++/-+]=+   [-+/-+]=tie
    const seed = 77;
    const p = await pyramids(spins, 8, { blockSize: 2, levels: 1, seed });
    const t = tieSpins(seed, 4);
    expect(p.ties).toBe(4);
    expect(text(p.lattices[1], 4)).toEqual(['+--+', `${t[0]}+${t[1]}${t[2]}`, '++--', `-++${t[3]}`]);
    expect(p.sizes).toEqual([8, 4]);
  });

  it('ties come out differently for another RG seed, and the default seed is childSeed(1, RG_STREAM)', async () => {
    const checker = lattice(['+-+-+-+-', '-+-+-+-+', '+-+-+-+-', '-+-+-+-+', '+-+-+-+-', '-+-+-+-+', '+-+-+-+-', '-+-+-+-+']);
    const a = coarseGrain(checker, { levels: 1, seed: 1 });
    const b = coarseGrain(checker, { levels: 1, seed: 2 });
    expect(a.ties).toBe(16);
    expect(text(a.lattices[1], 4).join('')).toBe(tieSpins(1, 16));
    expect(text(b.lattices[1], 4).join('')).toBe(tieSpins(2, 16));
    expect(a.lattices[1]).not.toEqual(b.lattices[1]);
    const byDefault = coarseGrain(checker, { levels: 1 });
    expect(byDefault.seed).toBe(childSeed(1, RG_STREAM));
    expect(text(byDefault.lattices[1], 4).join('')).toBe(tieSpins(childSeed(1, RG_STREAM), 16));
  });

  it('majority with odd b = 3: no ties, no draws', async () => {
    const spins = lattice([
      '+++---',
      '+-+-+-',
      '---+--',
      '+-----',
      '-+-+++',
      '+--+-+',
    ]);
    // [+++/+-+/---] 5 up -> +, [---/+-/+--] : [---/-+-/+--] 2 up -> -, [+--/-+-/+--] 3 up -> -, [---/+++/+-+] 5 up -> +
    const p = await pyramids(spins, 6, { blockSize: 3, levels: 1, seed: 5 });
    expect(p.ties).toBe(0);
    expect(text(p.lattices[1], 2)).toEqual(['+-', '-+']);
  });

  it('majority with b = 4 breaks ties of 8 up, 8 down', async () => {
    const spins = lattice(['++++++++', '++++++++', '----++++', '----+++-', '-+-+-+-+', '+-+-+-+-', '-+-+-+--', '+-+-+-+-']);
    const p = await pyramids(spins, 8, { blockSize: 4, levels: 1, seed: 9 });
    const t = tieSpins(9, 2);
    // blocks: 8 up (tie), 15 up (+), 8 up (tie), 7 up (-)
    expect(p.ties).toBe(2);
    expect(text(p.lattices[1], 2)).toEqual([`${t[0]}+`, `${t[1]}-`]);
  });

  it('decimation keeps the corner spin of every block and draws nothing', async () => {
    const spins = lattice(['+--+-+', '-+++--', '++----', '------', '-+-+++', '+++-++']);
    const p2 = await pyramids(spins, 6, { blockSize: 2, rule: 'decimation', levels: 1 });
    expect(text(p2.lattices[1], 3)).toEqual(['+--', '+--', '--+']);
    expect(p2.ties).toBe(0);
    const p3 = await pyramids(spins, 6, { blockSize: 3, rule: 'decimation', levels: 1 });
    expect(text(p3.lattices[1], 2)).toEqual(['++', '--']);
  });

  it('a pyramid applies the rule level after level: 16 -> 8 -> 4 -> 2', async () => {
    const g = new Xoshiro128(seedState(4));
    const spins = Int8Array.from({ length: 256 }, () => (g.next() >>> 31 ? 1 : -1));
    const seed = 12;
    const p = await pyramids(spins, 16, { blockSize: 2, levels: 3, seed });
    expect(p.sizes).toEqual([16, 8, 4, 2]);
    expect(p.lattices.map((l) => l.length)).toEqual([256, 64, 16, 4]);
    // level by level with one continuing RG stream gives the same lattices
    const one = coarseGrain(spins, { levels: 1, seed });
    expect(one.lattices[1]).toEqual(p.lattices[1]);
    for (const l of p.lattices) expect(l.every((s) => s === 1 || s === -1)).toBe(true);
    // decimation pyramid = every 8th spin of every 8th row
    const d = coarseGrain(spins, { rule: 'decimation', levels: 3 });
    expect(Array.from(d.lattices[3])).toEqual([spins[0], spins[8], spins[128], spins[136]]);
  });

  it('default levels stop at the deepest block lattice of at least 4 x 4', async () => {
    expect(coarseGrain(new Int8Array(64 * 64).fill(1)).sizes).toEqual([64, 32, 16, 8, 4]);
    expect(coarseGrain(new Int8Array(48 * 48).fill(1), { blockSize: 2 }).sizes).toEqual([48, 24, 12, 6]);
    expect(coarseGrain(new Int8Array(54 * 54).fill(-1), { blockSize: 3 }).sizes).toEqual([54, 18, 6]);
    expect(coarseGrain(new Int8Array(16).fill(1)).sizes).toEqual([4, 2]);
  });
});
