// Hardening (issue 18, items 4-10): the finite range of T, beta and h is the same on both backends;
// a failed setter changes nothing; what a simulation writes it reads back (snapshots and checkpoints
// past 2^31 sweeps); disposed simulations name the method called; nonsense input is refused with
// messages that are true, short and never crash while being built.
import { describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError, CheckpointError, createSimulation, decodeCheckpoint, executeJob, InvalidOptionError, type SimulationOptions } from '../src/index.js';
import { CORE_LOAD_TIMEOUT_MS } from '../src/backend/loader.js';
import { encodeContainer, type CheckpointHeader } from '../src/checkpoint.js';

async function refusal(make: () => unknown): Promise<Error> {
  try {
    await make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('accepted');
}

describe('the finite range of T, beta and h', () => {
  const bad: [SimulationOptions, string][] = [
    [{ temperature: 1e-310 }, 'temperature'],
    [{ temperature: 1e-7 }, 'temperature'],
    [{ temperature: 2e6 }, 'temperature'],
    [{ beta: 1e-309 }, 'beta'],
    [{ beta: 1e308 }, 'beta'],
    [{ field: 1e308 }, 'field'],
    [{ field: -1e7 }, 'field'],
    [{ field: Number.NaN }, 'field'],
  ];
  it.each(bad)('refuses %j on both backends', async (options, field) => {
    for (const backend of ['wasm', 'js'] as const) {
      const error = await refusal(() => createSimulation({ size: 8, ...options, backend }));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe(field);
    }
  });

  it('accepts the ends of the range, and energies stay finite', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      const sim = await createSimulation({ size: 8, temperature: 1e-6, field: 1e6, backend, algorithm: 'heat-bath' });
      sim.sweep(2);
      expect(Number.isFinite(sim.energy())).toBe(true);
      sim.setBeta(1e-6);
      sim.setField(-1e6);
      sim.sweep(2);
      expect(Number.isFinite(sim.energy())).toBe(true);
      sim.dispose();
    }
  });
});

describe('a failed call changes nothing', () => {
  it.each(['wasm', 'js'] as const)('setters on %s', async (backend) => {
    for (const layout of ['packed', 'byte'] as const) {
      const a = await createSimulation({ size: 16, temperature: 1.8, field: 0.1, seed: 9, backend, layout });
      const b = await createSimulation({ size: 16, temperature: 1.8, field: 0.1, seed: 9, backend, layout });
      const before = a.options;
      expect(() => a.setTemperature(1e-310)).toThrow(InvalidOptionError);
      expect(() => a.setBeta(1e308)).toThrow(InvalidOptionError);
      expect(() => a.setField(1e308)).toThrow(InvalidOptionError);
      expect(() => a.setAlgorithm('wolff', { hybridSweeps: 2 })).toThrow(InvalidOptionError);
      expect(a.options).toBe(before);
      for (const algorithm of ['metropolis', 'heat-bath', 'wolff'] as const) {
        a.setAlgorithm(algorithm);
        b.setAlgorithm(algorithm);
        expect(a.sweep(5)).toEqual(b.sweep(5));
      }
      expect(a.spins()).toEqual(b.spins());
      a.dispose();
      b.dispose();
    }
  });
});

describe('what a simulation writes it reads back', () => {
  it('restores its own snapshot and resumes its own checkpoint past 2^31 sweeps', async () => {
    const sim = await createSimulation({ size: 8, seed: 4 });
    sim.restore({ ...sim.snapshot(), sweeps: 2 ** 31 + 5, flips: 2 ** 40 });
    sim.sweep(3);
    const snapshot = sim.snapshot();
    expect(snapshot.sweeps).toBe(2 ** 31 + 8);
    sim.restore(snapshot);
    const other = await createSimulation({ size: 8, seed: 1 });
    other.resume(sim.checkpoint());
    expect(other.sweeps).toBe(2 ** 31 + 8);
    expect(other.spins()).toEqual(sim.spins());
  });

  it('refuses a checkpoint whose beta contradicts its temperature, with a CheckpointError', async () => {
    const sim = await createSimulation({ size: 8, temperature: 2.5 });
    const bytes = sim.checkpoint();
    const length = new DataView(bytes.buffer).getUint32(10, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(14, 14 + length))) as CheckpointHeader;
    const body = bytes.subarray(14 + length, bytes.length - 4);
    for (const options of [{ ...header.options, beta: 0.3 }, { ...header.options, temperature: 1e-300, beta: 1e300 }, { ...header.options, field: 1e308 }]) {
      const forged = encodeContainer({ ...header, options }, [body]);
      expect(() => decodeCheckpoint(forged)).toThrow(CheckpointError);
      expect(() => sim.resume(forged)).toThrow(CheckpointError);
    }
  });
});

describe('disposed simulations', () => {
  it('name the method called', async () => {
    const sim = await createSimulation({ size: 8 });
    sim.dispose();
    for (const [method, call] of [
      ['setTemperature', () => sim.setTemperature(2)],
      ['setBeta', () => sim.setBeta(0.5)],
      ['setField', () => sim.setField(0.1)],
      ['setAlgorithm', () => sim.setAlgorithm('metropolis')],
      ['sweep', () => sim.sweep(1)],
      ['energy', () => sim.energy()],
    ] as const) {
      expect(call, method).toThrow(`Cannot call ${method}()`);
    }
  });
});

describe('nonsense input', () => {
  it('refuses null values, arrays as objects, and says what it got', async () => {
    expect(await refusal(() => createSimulation({ size: null as unknown as number }))).toMatchObject({ option: 'size', value: null });
    expect(await refusal(() => createSimulation([] as unknown as SimulationOptions))).toMatchObject({ option: 'options' });
    const sim = await createSimulation({ size: 8 });
    expect(() => sim.setAlgorithm('wolff', [] as never)).toThrow(/settings/);
    expect(() => sim.measure([] as never)).toThrow(/measure options/);
    expect(() => sim.measure({ sweeps: 10, thermalise: 5 } as never)).toThrow(/unknown field "thermalise"/);
    expect((await refusal(() => createSimulation({ size: 2n as unknown as number }))).message).toMatch(/got 2n \(a bigint\)/);
    expect((await refusal(() => createSimulation({ temperature: Symbol('t') as unknown as number, beta: 1 }))).message).toMatch(/Symbol\(t\)/);
    expect(() => sim.measure({ sweeps: 10, correlations: {} })).toThrow(/without "every" a sample is taken every L = 8 steps/);
  });

  it('cuts long quoted values', async () => {
    const error = await refusal(() => executeJob('x'.repeat(5000) as unknown as Uint8Array));
    expect(error.message.length).toBeLessThan(500);
    expect(error.message).toMatch(/5002 characters/);
  });
});

describe('core sources that are not a core (item 7)', () => {
  const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

  it('an empty module: auto falls back with the reason, wasm refuses with a typed error', async () => {
    for (const model of [{}, { model: 'potts' as const, q: 3 }]) {
      const sim = await createSimulation({ ...model, size: 8, core: empty });
      expect(sim.backend).toBe('js');
      expect(sim.fallbackReason).toMatch(/not a criticality core: the module has no export "memory"/);
      sim.dispose();
    }
    await expect(createSimulation({ size: 8, core: empty, backend: 'wasm' })).rejects.toThrow(BackendUnavailableError);
  });

  it('a promise that never settles times out', async () => {
    vi.useFakeTimers();
    try {
      const pending = createSimulation({ size: 8, core: { then() {} } as never });
      await vi.advanceTimersByTimeAsync(CORE_LOAD_TIMEOUT_MS + 1);
      const sim = await pending;
      expect(sim.backend).toBe('js');
      expect(sim.fallbackReason).toMatch(/did not arrive within 20 s/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('null is refused as an option, naming core', async () => {
    expect(await refusal(() => createSimulation({ size: 8, core: null as never }))).toMatchObject({ option: 'core', value: null });
  });
});
