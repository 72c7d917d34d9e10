// Block spins and the RG on the simple cubic lattice: 2 x 2 x 2 majority blocks against a direct
// computation from coordinates (ties from the RG stream, one draw per tied block in the block order
// Z, Y, X), decimation, the seven operators against their 3D definitions, the WebAssembly kernel and
// its JavaScript twin bit for bit, typed errors, and MCRG exponents near the 3D Ising values.
import { describe, expect, it } from 'vitest';
import {
  blockSpinPyramid,
  childSeed,
  coarseGrainCubic,
  createSimulation,
  CUBIC_CRITICAL_BETA,
  InvalidOptionError,
  RG_STREAM,
  rgFlow,
  seedState,
  Xoshiro128,
} from '../src/index.js';
import type { BackendName, BlockRule, BlockSpinOptions, Simulation } from '../src/index.js';
import { JsBlockSpinKernel, measureLevel3 } from '../src/models/ising/rg-js.js';
import { RG_OPERATORS, RG_OPERATOR_NAMES } from '../src/backend/rg-types.js';
import { kernelOf } from '../src/simulation.js';
import { buildAndRead } from './helpers/rg.js';

const mod = (i: number, n: number) => ((i % n) + n) % n;

/** Spin (x, y, z) of an n^3 lattice, periodic (site (z n + y) n + x). */
function spinAt(s: Int8Array, n: number, x: number, y: number, z: number): number {
  return s[(mod(z, n) * n + mod(y, n)) * n + mod(x, n)];
}

/**
 * The majority block lattice computed directly: block (X, Y, Z) is the sign of the sum of its b^3
 * spins; a tie takes the next draw r of `rng` (+1 when r >>> 31 is 1), blocks visited Z, Y, X.
 */
function directMajority(s: Int8Array, n: number, b: number, rng: Xoshiro128): { level: Int8Array; ties: number } {
  const m = n / b;
  const level = new Int8Array(m ** 3);
  let ties = 0;
  for (let Z = 0; Z < m; Z++)
    for (let Y = 0; Y < m; Y++)
      for (let X = 0; X < m; X++) {
        let sum = 0;
        for (let dz = 0; dz < b; dz++) for (let dy = 0; dy < b; dy++) for (let dx = 0; dx < b; dx++) sum += spinAt(s, n, b * X + dx, b * Y + dy, b * Z + dz);
        let v = Math.sign(sum);
        if (v === 0) {
          v = rng.next() >>> 31 ? 1 : -1;
          ties++;
        }
        level[(Z * m + Y) * m + X] = v;
      }
  return { level, ties };
}

/** Every operator of the cubic list (src/backend/rg-types.ts, assembly/rg.ts) from its definition. */
function bruteForce3(s: Int8Array, n: number): Record<string, number> {
  const at = (x: number, y: number, z: number) => spinAt(s, n, x, y, z);
  const out = { nn: 0, nnn: 0, plaquette: 0, nn3: 0, magnetization: 0, plaquette3: 0, row3: 0 };
  const plaquette = (a: number, b: number, c: number, d: number) => {
    out.plaquette += a * b * c * d;
    out.plaquette3 += a * b * c + a * b * d + a * c * d + b * c * d;
  };
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const s0 = at(x, y, z);
        out.magnetization += s0;
        out.nn += s0 * (at(x + 1, y, z) + at(x, y + 1, z) + at(x, y, z + 1));
        // the 12 face-diagonal neighbours, each pair once: the 6 with a positive first nonzero offset
        for (const [dx, dy, dz] of [
          [1, 1, 0],
          [1, -1, 0],
          [0, 1, 1],
          [0, 1, -1],
          [1, 0, 1],
          [1, 0, -1],
        ])
          out.nnn += s0 * at(x + dx, y + dy, z + dz);
        // the 8 body-diagonal neighbours, each pair once: dx = +1
        for (const [dy, dz] of [
          [1, 1],
          [1, -1],
          [-1, 1],
          [-1, -1],
        ])
          out.nn3 += s0 * at(x + 1, y + dy, z + dz);
        plaquette(s0, at(x + 1, y, z), at(x, y + 1, z), at(x + 1, y + 1, z));
        plaquette(s0, at(x, y + 1, z), at(x, y, z + 1), at(x, y + 1, z + 1));
        plaquette(s0, at(x, y, z + 1), at(x + 1, y, z), at(x + 1, y, z + 1));
        out.row3 += s0 * (at(x - 1, y, z) * at(x + 1, y, z) + at(x, y - 1, z) * at(x, y + 1, z) + at(x, y, z - 1) * at(x, y, z + 1));
      }
  return out;
}

function randomSpins(n: number, seed: number, pUp = 0.5): Int8Array {
  const g = new Xoshiro128(seedState(seed));
  return Int8Array.from({ length: n ** 3 }, () => (g.next() / 2 ** 32 < pUp ? 1 : -1));
}

async function cubicWith(spins: Int8Array, size: number, backend: BackendName, seed = 1): Promise<Simulation> {
  const sim = await createSimulation({ lattice: 'cubic', size, backend, seed, start: 'cold' });
  sim.restore({ ...sim.snapshot(), spins });
  return sim;
}

/** The pyramid from coarseGrainCubic and from both simulation backends; all must agree. */
async function pyramids(spins: Int8Array, size: number, options: BlockSpinOptions) {
  const standalone = coarseGrainCubic(spins, options);
  for (const backend of ['wasm', 'js'] as const) {
    const sim = await cubicWith(spins, size, backend);
    const p = blockSpinPyramid(sim, options);
    expect(p.lattices, backend).toEqual(standalone.lattices);
    expect(p.ties, backend).toBe(standalone.ties);
    expect(p.sizes, backend).toEqual(standalone.sizes);
    expect(sim.spins(), `${backend}: the lattice is not changed`).toEqual(spins);
  }
  return standalone;
}

describe('block spins on the simple cubic lattice', { timeout: 120_000 }, () => {
  it('2 x 2 x 2 majority on a hand-made 4^3 lattice: clear blocks by sign, three ties from the RG stream in the order Z, Y, X', async () => {
    // block k (X fastest, then Y, then Z) gets ups[k] up spins among its 8 (the first ones in dz, dy, dx order)
    const ups = [8, 4, 0, 5, 4, 3, 4, 6];
    const spins = new Int8Array(64).fill(-1);
    ups.forEach((u, k) => {
      const [X, Y, Z] = [k & 1, (k >> 1) & 1, k >> 2];
      for (let c = 0; c < u; c++) spins[((2 * Z + (c >> 2)) * 4 + 2 * Y + ((c >> 1) & 1)) * 4 + 2 * X + (c & 1)] = 1;
    });
    const seed = 4321;
    const g = new Xoshiro128(seedState(seed));
    const draws = Array.from({ length: 3 }, () => (g.next() >>> 31 ? 1 : -1));
    const expected = Int8Array.from([1, draws[0], -1, 1, draws[1], -1, draws[2], 1]);
    const p = await pyramids(spins, 4, { levels: 1, seed });
    expect(p.ties).toBe(3);
    expect(p.lattices[1]).toEqual(expected);
    expect(p.lattices[1]).toEqual(directMajority(spins, 4, 2, new Xoshiro128(seedState(seed))).level);
    // another seed breaks the same ties from its own stream, and only the tied blocks change
    const other = coarseGrainCubic(spins, { levels: 1, seed: seed + 1 });
    const h = new Xoshiro128(seedState(seed + 1));
    const drawsOther = Array.from({ length: 3 }, () => (h.next() >>> 31 ? 1 : -1));
    expect(other.lattices[1]).toEqual(Int8Array.from([1, drawsOther[0], -1, 1, drawsOther[1], -1, drawsOther[2], 1]));
    // the default RG stream is childSeed(simulation seed, RG_STREAM)
    const sim = await cubicWith(spins, 4, 'wasm', 9);
    const byDefault = blockSpinPyramid(sim, { levels: 1 });
    expect(byDefault.seed).toBe(childSeed(9, RG_STREAM));
    expect(byDefault.lattices).toEqual(coarseGrainCubic(spins, { levels: 1, seed: childSeed(9, RG_STREAM) }).lattices);
  });

  it.each([
    [4, 1, 0.5],
    [8, 2, 0.5],
    [16, 3, 0.45],
    [12, 1, 0.55],
  ])('majority on random %d^3 lattices (%d levels, p(up) = %d) equals the direct computation, level after level with one stream', async (n, levels, pUp) => {
    for (const seed of [1, 2, 3]) {
      const spins = randomSpins(n, 100 * n + seed, pUp);
      const p = await pyramids(spins, n, { levels, seed });
      const rng = new Xoshiro128(seedState(seed));
      let level = spins;
      let ties = 0;
      for (let k = 1, m = n; k <= levels; k++, m /= 2) {
        const next = directMajority(level, m, 2, rng);
        expect(p.lattices[k], `seed ${seed} level ${k}`).toEqual(next.level);
        ties += next.ties;
        level = next.level;
      }
      expect(p.ties).toBe(ties);
      expect(ties).toBeGreaterThan(0); // random blocks tie (C(8,4)/2^8 = 27%)
    }
  });

  it('b = 3 (odd: no ties) and decimation (the corner spin (bX, bY, bZ), no draws)', async () => {
    const spins = randomSpins(6, 7);
    const three = await pyramids(spins, 6, { blockSize: 3, levels: 1, seed: 5 });
    expect(three.ties).toBe(0);
    expect(three.lattices[1]).toEqual(directMajority(spins, 6, 3, new Xoshiro128(seedState(5))).level);
    const dec = await pyramids(spins, 6, { blockSize: 3, levels: 1, rule: 'decimation' });
    expect(dec.ties).toBe(0);
    expect(Array.from(dec.lattices[1])).toEqual(Array.from({ length: 8 }, (_, i) => spinAt(spins, 6, 3 * (i & 1), 3 * ((i >> 1) & 1), 3 * (i >> 2))));
    const dec2 = await pyramids(spins, 6, { blockSize: 2, levels: 1, rule: 'decimation' });
    expect(Array.from(dec2.lattices[1])).toEqual(
      Array.from({ length: 27 }, (_, i) => spinAt(spins, 6, 2 * (i % 3), 2 * (Math.floor(i / 3) % 3), 2 * Math.floor(i / 9))),
    );
  });

  it('the seven operators match their 3D definitions on random lattices (2^3 with doubled neighbours up to 7^3), on both kernels', async () => {
    for (const n of [2, 3, 4, 5, 7]) {
      for (let trial = 0; trial < 5; trial++) {
        const s = randomSpins(n, 1000 * n + trial);
        const out = new Float64Array(RG_OPERATORS);
        measureLevel3(s, n, out, 0);
        const expected = bruteForce3(s, n);
        RG_OPERATOR_NAMES.forEach((name, a) => expect(out[a], `${n}^3 ${name}`).toBe(expected[name]));
      }
    }
    const sim = await cubicWith(randomSpins(16, 3), 16, 'wasm');
    const kernel = kernelOf(sim, 'test').blockSpins!();
    kernel.configure(2, 3, false);
    kernel.build('majority');
    const ops = new Float64Array(4 * RG_OPERATORS);
    kernel.measure(ops);
    [16, 8, 4, 2].forEach((n, k) => {
      const expected = bruteForce3(kernel.readLevel(k), n);
      RG_OPERATOR_NAMES.forEach((name, a) => expect(ops[k * RG_OPERATORS + a], `level ${k} ${name}`).toBe(expected[name]));
    });
  });

  it('an all-up 4^3 lattice: every operator at its maximum, one 2 x 2 x 2 pattern (code 255)', () => {
    const kernel = new JsBlockSpinKernel(() => new Int8Array(64).fill(1), 4, 3);
    kernel.configure(2, 1, true);
    kernel.build('majority');
    const ops = new Float64Array(2 * RG_OPERATORS);
    kernel.measure(ops);
    // per site: 3 bonds, 6 face diagonals, 3 plaquettes, 4 body diagonals, 1, 12 three-spin products, 3 rows
    expect(Array.from(ops.slice(0, 7))).toEqual([192, 384, 192, 256, 64, 768, 192]);
    expect(Array.from(ops.slice(7))).toEqual([24, 48, 24, 32, 8, 96, 24]);
    const patterns = new Uint32Array(256);
    kernel.readPatterns(patterns);
    expect(patterns[255]).toBe(8);
    expect(patterns.reduce((a, v) => a + v, 0)).toBe(8);
  });
});

describe('cubic block-spin kernels: WASM vs JS bit-identical', { timeout: 120_000 }, () => {
  const CASES: [number, number, number, BlockRule, number][] = [
    // size, beta, block size, rule, levels
    [16, CUBIC_CRITICAL_BETA, 2, 'majority', 3],
    [8, 0.1, 2, 'majority', 2],
    [16, 0.3, 2, 'decimation', 3],
    [18, CUBIC_CRITICAL_BETA, 3, 'majority', 2],
  ];
  it.each(CASES)('L=%d beta=%d b=%d %s levels=%d', async (size, beta, b, rule, levels) => {
    const wasm = await createSimulation({ lattice: 'cubic', size, beta, seed: 3, backend: 'wasm' });
    const js = await createSimulation({ lattice: 'cubic', size, beta, seed: 3, backend: 'js' });
    const kw = kernelOf(wasm, 'test').blockSpins!();
    const kj = kernelOf(js, 'test').blockSpins!();
    let copy = js.spins();
    const standalone = new JsBlockSpinKernel(() => copy, size, 3);
    for (const k of [kw, kj, standalone]) {
      k.configure(b, levels, true);
      k.setRngState(seedState(99));
    }
    const perLevel = b === 2 ? 256 : 0;
    for (let round = 0; round < 3; round++) {
      wasm.sweep(2);
      js.sweep(2);
      copy = js.spins();
      const results = [kw, kj, standalone].map((k) => buildAndRead(k, rule, levels, perLevel));
      expect(results[0]).toEqual(results[1]);
      expect(results[2]).toEqual(results[1]);
      expect(results[0].lattices.map((l) => l.length)).toEqual(Array.from({ length: levels + 1 }, (_, k) => (size / b ** k) ** 3));
      for (let l = 0; l < levels && perLevel > 0; l++) {
        expect(results[0].patterns.slice(l * perLevel, (l + 1) * perLevel).reduce((s, v) => s + v, 0)).toBe((size / b ** (l + 1)) ** 3);
      }
      if (rule === 'decimation') expect(results[0].ties).toBe(0);
    }
  });

  it('the default layout (byte today; packed once the cubic packed kernel exists) gives the pyramid of the spins, L = 32 Metropolis', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      const sim = await createSimulation({ lattice: 'cubic', size: 32, beta: CUBIC_CRITICAL_BETA, seed: 4, backend, algorithm: 'metropolis' });
      sim.sweep(3);
      const p = blockSpinPyramid(sim, { levels: 3, seed: 8 });
      const q = coarseGrainCubic(sim.spins() as Int8Array, { levels: 3, seed: 8 });
      expect(p.lattices, `${backend} (${sim.options.layout})`).toEqual(q.lattices);
      expect(p.ties).toBe(q.ties);
    }
  });

  it('rgFlow on the cubic lattice gives identical results on both backends', async () => {
    const run = async (backend: 'wasm' | 'js') => {
      const sim = await createSimulation({ lattice: 'cubic', size: 8, beta: CUBIC_CRITICAL_BETA, seed: 21, backend, algorithm: 'wolff' });
      const r = rgFlow(sim, { samples: 300, thermalize: 20, levels: 2 });
      return { ...r, backend: undefined, spins: sim.spins() };
    };
    const wasm = await run('wasm');
    expect(wasm).toEqual(await run('js'));
    expect(wasm).toMatchObject({ lattice: 'cubic', size: 8, levels: 2 });
    expect(wasm.flow.map((l) => l.size)).toEqual([8, 4, 2]);
    expect(wasm.flow[0].patternEntropy?.patternsSeen).toBeGreaterThan(100); // of 256 at beta_c
  });
});

describe('the RG on the cubic lattice: physics and errors', { timeout: 120_000 }, () => {
  it('at beta -> 0 the block spins are independent: nn, nnn, plaquette vanish and <m^2> = 1/N on every level', async () => {
    const sim = await createSimulation({ lattice: 'cubic', size: 8, beta: 1e-6, seed: 2, backend: 'wasm', algorithm: 'heat-bath' });
    const r = rgFlow(sim, { samples: 2000, levels: 2 });
    for (const level of r.flow) {
      const N = level.size ** 3;
      for (const name of ['nn', 'nnn', 'plaquette'] as const)
        expect(Math.abs(level[name].mean) / level[name].error, `level ${level.level} ${name}`).toBeLessThan(4);
      // independent +-1 spins: <m^2> = 1/N
      expect(Math.abs(level.magnetization2.mean - 1 / N) / level.magnetization2.error, `level ${level.level} m^2`).toBeLessThan(4);
    }
    // an untied majority of 8 independent spins is unbiased, a tie is a fair draw: the entropy is ln 2 a spin
    expect(r.flow[0].patternEntropy!.perSpin.mean).toBeCloseTo(Math.log(2), 1);
  });

  it('MCRG near beta_c = 0.221654626 on 8^3 -> 4^3: y_h within 3% of (5 - eta)/2 = 2.4819 and y_t within 12% of 1/nu = 1.5874', async () => {
    const sim = await createSimulation({ lattice: 'cubic', size: 8, beta: CUBIC_CRITICAL_BETA, seed: 11, backend: 'wasm', algorithm: 'swendsen-wang' });
    const r = rgFlow(sim, { samples: 6000, thermalize: 200, levels: 2, patterns: false });
    const quoted = (entries: typeof r.mcrg.thermal) => entries.find((e) => e.level === 0 && e.operators.length === (entries === r.mcrg.thermal ? 4 : 3))!;
    const yt = quoted(r.mcrg.thermal);
    const yh = quoted(r.mcrg.magnetic);
    expect(yt.state).toBe('estimated');
    expect(yh.state).toBe('estimated');
    if (yt.state !== 'estimated' || yh.state !== 'estimated') return;
    expect(Math.abs(yh.exponent.mean / 2.4819 - 1)).toBeLessThan(0.03);
    expect(Math.abs(yt.exponent.mean / 1.5874 - 1)).toBeLessThan(0.12);
    expect(yh.exponent.error).toBeLessThan(0.03);
  });

  it('typed errors: block sizes and levels that do not divide L, arrays that are not cubes', async () => {
    const sim = await createSimulation({ lattice: 'cubic', size: 6, backend: 'wasm' });
    expect(() => blockSpinPyramid(sim, { levels: 2 })).toThrow(
      /^Invalid option "levels": expected an integer from 1 to 1 \(6 -> 3 with blocks of 2: b\^levels must divide L and leave at least 2 x 2 x 2\), got 2/,
    );
    expect(() => blockSpinPyramid(sim, { blockSize: 4 })).toThrow(
      /"blockSize".*divides the lattice size 6 and leaves a block lattice of at least 2 x 2 x 2 \(one of 2, 3\), got 4/,
    );
    expect(() => rgFlow(sim, { samples: 10, levels: 3 })).toThrow(InvalidOptionError);
    expect(sim.sweeps).toBe(0);
    expect(() => coarseGrainCubic(new Int8Array(63).fill(1))).toThrow(
      /"spins": expected an Int8Array of L\*L\*L spins \(L >= 2\), each \+1 or -1, got "Int8Array of length 63"/,
    );
    expect(() => coarseGrainCubic(new Int8Array(8).fill(1), { levels: 1, bogus: 1 } as BlockSpinOptions)).toThrow(/unknown option "bogus"/);
    // b = 3 on the cube counts no patterns (2^27): the run says so instead of a silent omission
    const big = await createSimulation({ lattice: 'cubic', size: 6, backend: 'wasm', seed: 1 });
    const r = rgFlow(big, { blockSize: 3, levels: 1, samples: 20 });
    expect(r.flow[0].patternEntropy).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/pattern entropy needs blocks of 2 x 2 x 2 on the cubic lattice \(2\^8 configurations\): not computed for b = 3/);
  });
});
