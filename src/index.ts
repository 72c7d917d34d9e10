/**
 * criticality: phase transitions in lattice spin models.
 * Every public export is listed here.
 */
export { createSimulation, MAX_MEASURE_SWEEPS } from './simulation.js';
export type { Simulation, MeasureOptions, Snapshot, SweepResult } from './simulation.js';
export type { Measurement, Observable, Observables, ObservableName, SampledObservable } from './measure.js';
export { normalizeOptions, DEFAULTS, MIN_SIZE, MAX_SIZE, MODELS, LATTICES, ALGORITHMS, BACKENDS, STARTS, LAYOUTS } from './options.js';
export type { SimulationOptions, NormalizedOptions, Model, Lattice, Algorithm, BackendChoice, Start, Layout } from './options.js';
export { MAX_PACKED_SIZE, PACKED_SIZE_MULTIPLE } from './backend/packed.js';
export { MAX_WORKERS } from './worker/limits.js';
export { InvalidOptionError, BackendUnavailableError, CoreError, DisposedError } from './errors.js';
export { loadCore, loadInlinedCore, simdSupported } from './backend/index.js';
export type { CoreSource, CoreVariant, BackendName, EngineName } from './backend/index.js';
export { seedState, childSeed, Xoshiro128, MAX_SEED } from './rng.js';
export * from './exact/index.js';
export * as stats from './stats/index.js';
