// The packed layout on the cubic lattice at the API boundary: 'auto' picks it where L is a multiple
// of 16 (up to 880), 'packed' with another L is a typed error naming the cubic limits, and the
// shared-lattice workers take slabs of planes (at most L workers, WebAssembly, packed layout).
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const BAD: [string, SimulationOptions, RegExp][] = [
  ['packed layout, L not a multiple of 16', { lattice: 'cubic', size: 24, layout: 'packed' }, /^Invalid option "size": expected a multiple of 16 from 16 to 880 for layout "packed" on the cubic lattice \(or layout "byte"\), got 24$/],
  ['packed layout, L below 16', { lattice: 'cubic', size: 8, layout: 'packed' }, /"size": expected a multiple of 16 from 16 to 880 for layout "packed" on the cubic lattice/],
  ['workers with the byte layout', { lattice: 'cubic', size: 32, workers: 2, layout: 'byte' }, /"workers": expected 1 with the byte layout/],
  ['workers on the JavaScript backend', { lattice: 'cubic', size: 32, workers: 2, backend: 'js' }, /"workers": expected 1 with backend "js"/],
  ['workers without a packed L', { lattice: 'cubic', size: 12, workers: 2 }, /"workers": expected 1 with the byte layout/],
];

describe('cubic packed layout options', () => {
  it.each(BAD)('%s is a typed error', async (_label, options, message) => {
    const error = await createSimulation(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it("'auto' is packed for L a multiple of 16, byte otherwise; Metropolis runs packed, the other algorithms on the byte lattice", async () => {
    for (const [size, layout] of [[16, 'packed'], [32, 'packed'], [8, 'byte'], [24, 'byte']] as const) {
      const sim = await createSimulation({ lattice: 'cubic', size, backend: 'js' });
      expect(sim.options.layout).toBe(layout);
      expect(sim.layout).toBe(layout);
    }
    const sim = await createSimulation({ lattice: 'cubic', size: 16, algorithm: 'wolff', backend: 'js' });
    expect([sim.options.layout, sim.layout]).toEqual(['packed', 'byte']);
  });
});
