// Bad input to the Potts kernels is a typed InvalidOptionError naming the field and the value, on
// both backends, and leaves the kernel as it was; a disposed WebAssembly kernel says so.
import { describe, expect, it } from 'vitest';
import { CoreError, InvalidOptionError } from '../src/errors.js';
import { loadCore } from '../src/backend/loader.js';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import { WasmPottsKernel } from '../src/models/potts/kernel-wasm.js';
import { prepare } from './helpers/potts.js';

describe('Potts kernel errors', () => {
  it.each([1, 257, 2.5, NaN, '3'])('q = %s is refused on both backends', async (q) => {
    const module = await loadCore();
    expect(() => new JsPottsKernel(8, q as number)).toThrow(InvalidOptionError);
    expect(() => new JsPottsKernel(8, q as number)).toThrow(/"q".*integer from 2 to 256/);
    await expect(WasmPottsKernel.create(module, 8, q as number)).rejects.toThrow(/Invalid option "q"/);
  });

  it.each([3, 0, 32768, 7.5])('size %s is refused on both backends', async (size) => {
    expect(() => new JsPottsKernel(size, 3)).toThrow(/Invalid option "size": expected an even integer/);
    await expect(WasmPottsKernel.create(await loadCore(), size, 3)).rejects.toThrow(InvalidOptionError);
  });

  it('a lattice with a state >= q, or of the wrong length, is refused and the lattice is kept', async () => {
    const kernels = [prepare(new JsPottsKernel(4, 3), 1, 1, 0), prepare(await WasmPottsKernel.create(await loadCore(), 4, 3), 1, 1, 0)];
    for (const k of kernels) {
      const before = k.readSpins();
      const bad = new Uint8Array(16);
      bad[5] = 3;
      expect(() => k.writeSpins(bad)).toThrow(/Invalid option "spins": expected a Uint8Array of 16 states, each 0 \.\. 2, got "state 3 at site 5"/);
      expect(() => k.writeSpins(new Uint8Array(15))).toThrow(/got "Uint8Array of length 15"/);
      expect(() => k.writeSpins(new Int8Array(16) as unknown as Uint8Array)).toThrow(InvalidOptionError);
      expect(k.readSpins()).toEqual(before);
    }
  });

  it('a disposed WebAssembly kernel throws a CoreError, not a trap', async () => {
    const k = await WasmPottsKernel.create(await loadCore(), 4, 3);
    k.dispose();
    expect(() => k.sweep('metropolis', 1)).toThrow(CoreError);
    expect(() => k.readSpins()).toThrow(/disposed/);
  });
});
