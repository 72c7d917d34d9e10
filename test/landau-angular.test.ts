// The angle along the ring of a two-component order parameter with a q-fold anisotropy
// (src/landau.ts, landauAngular): psi_q = <cos q phi_M> and the barrier ln(P_near / P_far) between
// the quarter of the folded angle at a well and the quarter between two wells. Checked on samples
// whose answer is known, then on the q = 6 clock model deep in its ordered phase (six wells) and
// in its disordered phase (no anisotropy left along the ring).
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, landau, landauAngular } from '../src/index.js';

const polar = (r: number, angles: number[]) => [angles.map((a) => r * Math.cos(a)), angles.map((a) => r * Math.sin(a))] as const;

describe('landauAngular on samples with a known answer', () => {
  it('M pinned to the six clock directions: psi_6 = 1 and the wells are never left', () => {
    const angles = Array.from({ length: 6000 }, (_, t) => (2 * Math.PI * (t % 6)) / 6 + 0.01 * Math.sin(t));
    const [mx, my] = polar(0.5, angles);
    const a = landauAngular(mx, my, 6, 100);
    expect(a.order.mean).toBeGreaterThan(0.99);
    expect(a.shape).toBe('wells');
    expect('lowerBound' in a.barrier && a.barrier.lowerBound).toBeCloseTo(Math.log(6000), 10);
  });

  it('a uniform angle (golden-ratio sequence): psi_6 = 0 and no barrier, a ring', () => {
    const golden = (Math.sqrt(5) - 1) / 2;
    const angles = Array.from({ length: 20000 }, (_, t) => 2 * Math.PI * ((t * golden) % 1));
    const [mx, my] = polar(0.3, angles);
    const a = landauAngular(mx, my, 6, 100);
    expect(Math.abs(a.order.mean)).toBeLessThan(0.01);
    expect('mean' in a.barrier && Math.abs(a.barrier.mean)).toBeLessThan(0.02);
    expect(a.shape).toBe('ring');
  });

  it('a known weight exp(k cos 4 phi): the barrier is ln of the ratio of the quarter integrals', () => {
    // inverse-CDF sampling on a fine grid, deterministic; q = 4
    const k = 0.7;
    const grid = 100000;
    const w = Float64Array.from({ length: grid }, (_, j) => Math.exp(k * Math.cos(4 * ((2 * Math.PI * (j + 0.5)) / grid))));
    const cdf = new Float64Array(grid);
    w.reduce((acc, x, j) => (cdf[j] = acc + x), 0);
    const total = cdf[grid - 1];
    const samples = 40000;
    const angles: number[] = [];
    for (let t = 0, j = 0; t < samples; t++) {
      const u = ((t + 0.5) / samples) * total;
      while (cdf[j] < u) j++;
      angles.push((2 * Math.PI * (j + 0.5)) / grid);
    }
    const [mx, my] = polar(0.4, angles);
    const a = landauAngular(mx, my, 4, 400);
    // exact: near = |delta| < pi/16 around each direction, far = |delta| > 3 pi/16
    const integral = (from: number, to: number) => {
      let sum = 0;
      for (let j = 0; j < 20000; j++) sum += Math.exp(k * Math.cos(4 * (from + ((to - from) * (j + 0.5)) / 20000)));
      return sum * (to - from);
    };
    const exact = Math.log(integral(0, Math.PI / 16) / integral((3 * Math.PI) / 16, Math.PI / 4));
    expect('mean' in a.barrier && a.barrier.mean).toBeCloseTo(exact, 2);
    // <cos 4 phi> = I_1(k) / I_0(k), I_n(k) = (1/pi) int_0^pi exp(k cos x) cos(n x) dx
    const bessel = (order: number) => {
      let sum = 0;
      for (let j = 0; j < 20000; j++) {
        const x = (Math.PI * (j + 0.5)) / 20000;
        sum += Math.exp(k * Math.cos(x)) * Math.cos(order * x);
      }
      return sum / 20000;
    };
    expect(a.order.mean).toBeCloseTo(bessel(1) / bessel(0), 3);
  });

  it('refuses a q below 2 and too few samples with typed errors', () => {
    expect(() => landauAngular([0.1, 0.2], [0, 0], 1, 1)).toThrow(InvalidOptionError);
    expect(() => landauAngular([0.1, 0.2, 0.3], [0, 0, 0], 6, 2)).toThrow(InvalidOptionError);
  });
});

describe('the q = 6 clock model through landau()', () => {
  it('six wells along the ring at T = 0.4, none at T = 1.3; XY reports no angular profile', async () => {
    const ordered = await createSimulation({ model: 'clock', q: 6, size: 16, temperature: 0.4, algorithm: 'wolff', seed: 3 });
    const low = landau(ordered, { sweeps: 20000, thermalize: 500 });
    expect(low.angular?.shape).toBe('wells');
    expect(low.angular!.order.mean).toBeGreaterThan(0.95);
    ordered.dispose();

    const disordered = await createSimulation({ model: 'clock', q: 6, size: 16, temperature: 1.3, algorithm: 'wolff', seed: 3 });
    const high = landau(disordered, { sweeps: 20000, thermalize: 500 });
    expect(high.angular?.shape).toBe('ring');
    expect(Math.abs(high.angular!.order.mean)).toBeLessThan(4 * high.angular!.order.error + 0.02);
    disordered.dispose();

    const xy = await createSimulation({ model: 'xy', size: 8, temperature: 0.5, seed: 3 });
    expect(landau(xy, { sweeps: 500 }).angular).toBeUndefined();
    xy.dispose();
  });
});
