/**
 * Which engine a request runs on, decided once before any work: the WebAssembly core when it
 * loads (compiled once per handler), JavaScript when the backend is 'js', or when it is 'auto'
 * and the core cannot load here (said in the answer, never silently). 'wasm' never falls back.
 */
import { loadCore, type CoreSource, type EngineName } from '../backend/index.js';
import { BackendUnavailableError } from '../errors.js';
import type { BackendChoice } from '../options.js';
import { createSimulation } from '../simulation.js';

export interface EngineChoice {
  backend: 'wasm' | 'js';
  /** The compiled core, for backend 'wasm'. */
  core?: WebAssembly.Module;
  engine: EngineName;
  /** Why 'auto' runs on JavaScript. */
  fallbackReason?: string;
}

const engines = new WeakMap<WebAssembly.Module, Promise<EngineName>>();

/** 'wasm-simd' or 'wasm-scalar': what a 2 x 2 simulation on this core reports (once per core). */
function engineOf(core: WebAssembly.Module): Promise<EngineName> {
  let engine = engines.get(core);
  if (!engine) {
    engine = createSimulation({ size: 2, backend: 'wasm', core }).then((sim) => {
      sim.dispose();
      return sim.engine;
    });
    engines.set(core, engine);
  }
  return engine;
}

const EDGE_HINT =
  "where the runtime refuses to compile WebAssembly bytes (edge functions), import core from 'criticality/wasm' and pass createHandler({ core })";

/** Resolves `backend` with the handler's core; a 'wasm' that cannot load is a BackendUnavailableError saying what to do. */
export async function chooseEngine(backend: BackendChoice, core: CoreSource | undefined): Promise<EngineChoice> {
  if (backend === 'js') return { backend: 'js', engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(core);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (backend === 'wasm') throw new BackendUnavailableError('wasm', `${reason}; ${EDGE_HINT}`);
    return { backend: 'js', engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reason}` };
  }
  return { backend: 'wasm', core: module, engine: await engineOf(module) };
}
