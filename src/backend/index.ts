/**
 * What every model's backend shares: loading the WebAssembly core (./loader.ts) and the names of
 * backends and engines. Each model's kernels live in its folder (src/models/<model>/).
 */
export { loadCore, setDefaultCore, simdSupported, type CoreSource, type CoreVariant } from './loader.js';
export type { BackendName, EngineName } from '../vocabulary.js';
