// One loader: inlined bytes by default, or caller-supplied bytes, URL, Response, Module; auto falls back to JS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, createSimulation, loadCore } from '../src/index.js';

const wasmUrl = new URL('../build/criticality.wasm', import.meta.url);
const bytes = readFileSync(wasmUrl);

async function spinsAfter(core: NonNullable<Parameters<typeof createSimulation>[0]>['core']): Promise<Int8Array> {
  const sim = await createSimulation({ size: 8, seed: 3, backend: 'wasm', core });
  sim.sweep(5);
  return sim.spins();
}

describe('loadCore', () => {
  it('accepts bytes, a file URL, a Response, a compiled Module and the default', async () => {
    const expected = await spinsAfter(undefined);
    expect(await spinsAfter(new Uint8Array(bytes))).toEqual(expected);
    expect(await spinsAfter(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).toEqual(expected);
    expect(await spinsAfter(wasmUrl)).toEqual(expected);
    expect(await spinsAfter(new Response(bytes, { headers: { 'content-type': 'application/wasm' } }))).toEqual(expected);
    expect(await spinsAfter(await WebAssembly.compile(bytes))).toEqual(expected);
    expect(await loadCore()).toBe(await loadCore());
  });

  it('auto falls back to JavaScript, says why, and gives the same numbers', async () => {
    const broken = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]);
    const sim = await createSimulation({ size: 8, seed: 3, backend: 'auto', core: broken });
    expect(sim.backend).toBe('js');
    expect(sim.fallbackReason).toMatch(/WebAssembly core unavailable/);
    sim.sweep(5);
    expect(sim.spins()).toEqual(await spinsAfter(undefined));
    const auto = await createSimulation({ size: 8 });
    expect(auto.backend).toBe('wasm');
    expect(auto.fallbackReason).toBeUndefined();
  });

  it('auto runs on JavaScript where WebAssembly does not exist at all', async () => {
    const saved = globalThis.WebAssembly;
    try {
      // @ts-expect-error: simulate a runtime without WebAssembly
      delete globalThis.WebAssembly;
      const sim = await createSimulation({ size: 8, seed: 3 });
      expect(sim.backend).toBe('js');
      expect(sim.fallbackReason).toMatch(/WebAssembly is not available/);
      const error = await createSimulation({ size: 8, backend: 'wasm' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackendUnavailableError);
    } finally {
      globalThis.WebAssembly = saved;
    }
  });

  it('backend "wasm" with an unusable core is a BackendUnavailableError', async () => {
    const error = await createSimulation({ size: 8, backend: 'wasm', core: new Uint8Array([1, 2, 3]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/Backend "wasm" is unavailable: /);
  });
});
