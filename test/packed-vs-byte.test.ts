// Packed and byte Metropolis sample the same distribution: e, |m| and U4 agree within errors
// (|z| < 4, z = difference / combined error) at and near Tc, with and without a field.
import { describe, expect, it } from 'vitest';
import { createSimulation, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { BackendName, Observable } from '../src/index.js';

function z(a: Observable, b: Observable): number {
  return (a.mean - b.mean) / Math.hypot(a.error, b.error);
}

const POINTS: [number, number][] = [
  // temperature, field
  [CRITICAL_TEMPERATURE, 0],
  [2.1, 0],
  [2.4, 0.15],
];

describe('packed vs byte layout, same physics', () => {
  for (const backend of ['wasm', 'js'] as BackendName[]) {
    it.each(POINTS)(`L=16 on ${backend}: T=%d h=%d`, async (temperature, field) => {
      const options = { size: 16, temperature, field, backend, seed: 77 } as const;
      const packed = await createSimulation({ ...options, layout: 'packed' });
      const byte = await createSimulation({ ...options, layout: 'byte', seed: 78 });
      expect([packed.layout, byte.layout]).toEqual(['packed', 'byte']);
      const a = packed.measure({ thermalize: 2000, sweeps: 60_000 }).observables;
      const b = byte.measure({ thermalize: 2000, sweeps: 60_000 }).observables;
      for (const name of ['energy', 'absMagnetization', 'binder'] as const) {
        expect(Math.abs(z(a[name], b[name])), `${name}: packed ${a[name].mean} +- ${a[name].error}, byte ${b[name].mean} +- ${b[name].error}`).toBeLessThan(4);
      }
    });
  }
});
