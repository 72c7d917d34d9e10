// The deterministic sin, cos, exp and log (src/detmath.ts and its twin assembly/detmath.ts): within
// 1e-15 relative of the engine's Math functions over the ranges the kernels use and beyond, and
// bit-identical between TypeScript and WebAssembly.
import { describe, expect, it } from 'vitest';
import { DETMATH_MAX_ANGLE, detCos, detCosSmall, detCosTiny, detExp, detExpSmall, detLog, detSin, detSinSmall, detSinTiny } from '../src/detmath.js';
import { loadCore } from '../src/backend/loader.js';
import { WasmIsingKernel } from '../src/models/ising/kernel-wasm.js';
import { Xoshiro128, seedState } from '../src/rng.js';

interface DetCore {
  detSin(x: number): number;
  detCos(x: number): number;
  detExp(x: number): number;
  detSinSmall(x: number): number;
  detCosSmall(x: number): number;
  detSinTiny(x: number): number;
  detCosTiny(x: number): number;
  detExpSmall(x: number): number;
  detLog(x: number): number;
}

/** Arguments: uniform over [-a, a] from a fixed stream, plus the multiples of pi/2 (zeros of sin or cos) up to k = 1000. */
function angles(a: number, n: number): number[] {
  const rng = new Xoshiro128(seedState(42));
  const xs = Array.from({ length: n }, () => a * (2 * (rng.next() / 2 ** 32) - 1));
  for (let k = -1000; k <= 1000; k++) xs.push((k * Math.PI) / 2, k * Math.PI, (k * Math.PI) / 4);
  return xs;
}

function relative(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

describe('detmath against Math', () => {
  it('sin and cos within 1e-15 relative (|x| <= 2 pi, <= 1e4, multiples of pi/2)', () => {
    for (const range of [2 * Math.PI, 1e4]) {
      for (const x of angles(range, 20000)) {
        // exact zeros of Math (sin 0) compare absolutely
        expect(relative(detSin(x), Math.sin(x))).toBeLessThan(x === 0 ? 1e-300 : 1e-15);
        expect(relative(detCos(x), Math.cos(x))).toBeLessThan(1e-15);
      }
    }
  });

  it('exp within 1e-15 relative from -745 to 709, 0 and Infinity beyond, NaN through', () => {
    const rng = new Xoshiro128(seedState(7));
    for (let k = 0; k < 20000; k++) {
      const x = -745 + 1454 * (rng.next() / 2 ** 32);
      const exact = Math.exp(x);
      // subnormal results carry fewer bits: compare them to the last representable step
      expect(Math.abs(detExp(x) - exact)).toBeLessThanOrEqual(exact < 2.2250738585072014e-308 ? 5e-324 : 1e-15 * exact);
    }
    for (const x of [0, 1, -1, 1e-10, -1e-10, 0.5, -0.5, Math.LN2, 700, -700]) expect(relative(detExp(x), Math.exp(x))).toBeLessThan(1e-15);
    expect(detExp(0)).toBe(1);
    expect(detExp(-800)).toBe(0);
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(NaN)).toBeNaN();
    expect(detSin(NaN)).toBeNaN();
    expect(detCos(2 * DETMATH_MAX_ANGLE)).toBeNaN();
  });
});

describe('detLog against Math.log', () => {
  it('within 1e-15 relative (2 ulp near 1) from subnormals to the largest double; 0, negatives, NaN and Infinity', () => {
    const rng = new Xoshiro128(seedState(13));
    for (let k = 0; k < 20000; k++) {
      const x = 2 ** (-1074 + 2098 * (rng.next() / 2 ** 32));
      const exact = Math.log(x);
      expect(Math.abs(detLog(x) - exact)).toBeLessThanOrEqual(1e-15 * Math.abs(exact) + 1e-16);
    }
    for (let k = 0; k < 20000; k++) {
      const x = 0.5 + rng.next() / 2 ** 32;
      expect(Math.abs(detLog(x) - Math.log(x))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.max(Math.abs(Math.log(x)), 2 ** -53));
    }
    for (const x of [1, 2, 0.5, Math.E, 10, 1e-300, 5e-324, Number.MAX_VALUE, Math.SQRT2, Math.SQRT1_2])
      expect(Math.abs(detLog(x) - Math.log(x))).toBeLessThanOrEqual(1e-15 * Math.abs(Math.log(x)));
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detLog(NaN)).toBeNaN();
    expect(detLog(Infinity)).toBe(Infinity);
  });
});

describe('detmath: the kernels\' short forms against Math', () => {
  it('detSinSmall and detCosSmall within 1e-15 relative for |r| <= 1/64, detSinTiny and detCosTiny for |r| <= 1/256; detExpSmall within 1e-15 on [-708, 0]', () => {
    for (const r of angles(1 / 64, 20000).filter((x) => Math.abs(x) <= 1 / 64)) {
      expect(relative(detSinSmall(r), Math.sin(r))).toBeLessThan(r === 0 ? 1e-300 : 1e-15);
      expect(relative(detCosSmall(r), Math.cos(r))).toBeLessThan(1e-15);
    }
    // the XY Metropolis rotations' short forms (|eps| <= pi / 1024 < 1/256)
    for (const r of angles(1 / 256, 20000).filter((x) => Math.abs(x) <= 1 / 256)) {
      expect(relative(detSinTiny(r), Math.sin(r))).toBeLessThan(r === 0 ? 1e-300 : 1e-15);
      expect(relative(detCosTiny(r), Math.cos(r))).toBeLessThan(1e-15);
    }
    const rng = new Xoshiro128(seedState(9));
    for (let k = 0; k < 20000; k++) {
      const x = -708 * (rng.next() / 2 ** 32);
      expect(relative(detExpSmall(x), Math.exp(x))).toBeLessThan(1e-15);
    }
    for (const x of [0, -0, -708, -1e-300, -Math.LN2, -0.5 * Math.LN2]) expect(relative(detExpSmall(x), Math.exp(x))).toBeLessThan(1e-15);
    expect(detExpSmall(0)).toBe(1);
  });
});

describe('detmath: WebAssembly and TypeScript bit for bit', () => {
  it('the same double for every argument', async () => {
    const core = (await WasmIsingKernel.create(await loadCore(), 2)).exports as unknown as DetCore;
    const xs = [...angles(2 * Math.PI, 5000), ...angles(1e5, 5000), DETMATH_MAX_ANGLE, -DETMATH_MAX_ANGLE, 2e6, 0, -0];
    for (const x of xs) {
      expect(Object.is(core.detSin(x), detSin(x))).toBe(true);
      expect(Object.is(core.detCos(x), detCos(x))).toBe(true);
    }
    const ys = [...angles(750, 10000), -745.2, -744.9, -708.5, 709.7, 709.8, 1e-300, -1e-300];
    for (const y of ys) expect(Object.is(core.detExp(y), detExp(y))).toBe(true);
    for (const r of angles(1 / 64, 5000)) {
      expect(Object.is(core.detSinSmall(r), detSinSmall(r))).toBe(true);
      expect(Object.is(core.detCosSmall(r), detCosSmall(r))).toBe(true);
    }
    for (const r of angles(1 / 256, 5000)) {
      expect(Object.is(core.detSinTiny(r), detSinTiny(r))).toBe(true);
      expect(Object.is(core.detCosTiny(r), detCosTiny(r))).toBe(true);
    }
    for (const y of angles(708, 10000).map((x) => -Math.abs(x)).filter((x) => x >= -708)) expect(Object.is(core.detExpSmall(y), detExpSmall(y))).toBe(true);
    const rng = new Xoshiro128(seedState(21));
    const zs = Array.from({ length: 10000 }, () => 2 ** (-1074 + 2098 * (rng.next() / 2 ** 32)));
    for (const z of [...zs, 1, 0, -0, -1, 5e-324, Number.MAX_VALUE, Infinity, NaN]) expect(Object.is(core.detLog(z), detLog(z))).toBe(true);
  });
});
