// Results cross Redis as JSON without losing a bit: NaN, +-Infinity, -0 and typed arrays survive.
import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../src/distributed/wire.js';
import { executeJob } from '../src/index.js';

const roundTrip = (value: unknown) => fromWire(JSON.parse(JSON.stringify(toWire(value))));

describe('the wire format of results', () => {
  it('keeps special numbers and every typed array bit for bit', () => {
    const back = roundTrip({ a: NaN, b: -0, c: Infinity, d: -Infinity, e: 0.1 + 0.2, f: [1, -0, NaN], g: null, h: 'x', i: true }) as Record<string, unknown>;
    expect(Number.isNaN(back.a)).toBe(true);
    expect(Object.is(back.b, -0)).toBe(true);
    expect(back.c).toBe(Infinity);
    expect(back.d).toBe(-Infinity);
    expect(back.e).toBe(0.30000000000000004);
    expect(Object.is((back.f as number[])[1], -0)).toBe(true);
    expect(Number.isNaN((back.f as number[])[2])).toBe(true);
    expect(back).toMatchObject({ g: null, h: 'x', i: true });
    const f64 = new Float64Array([NaN, -0, 5e-324, 1.7976931348623157e308, -Infinity, Math.PI]);
    const bits = (x: Float64Array) => Array.from(new BigUint64Array(x.buffer));
    const f64back = roundTrip(f64) as Float64Array;
    expect(f64back).toBeInstanceOf(Float64Array);
    expect(bits(f64back)).toEqual(bits(f64));
    for (const typed of [new Int32Array([-2147483648, 7]), new Uint32Array([4294967295]), new Int8Array([-128, 127]), new Uint8Array([255]), new Float32Array([1.5, -0])]) {
      const back2 = roundTrip(typed) as typeof typed;
      expect(back2.constructor).toBe(typed.constructor);
      expect(new Uint8Array(back2.buffer)).toEqual(new Uint8Array(typed.buffer));
    }
  });

  it('carries a measurement with series, histograms and correlations exactly', async () => {
    const r = await executeJob({ kind: 'run', options: { size: 8, temperature: 2.3, seed: 3 }, sweeps: 400, keepSeries: true, histograms: true, correlations: { every: 2 } });
    if (r.state !== 'completed') throw new Error(r.state);
    const back = roundTrip(r.result);
    expect(back).toEqual(r.result);
    expect((back as typeof r.result).series!.energy).toBeInstanceOf(Float64Array);
  });

  it('refuses what it cannot encode', () => {
    expect(() => toWire(new DataView(new ArrayBuffer(4)))).toThrow(/cannot encode a DataView/);
  });
});
