/**
 * criticality: phase transitions in lattice spin models.
 * Every public export is listed here.
 */
export { createSimulation, MAX_MEASURE_SWEEPS } from './simulation.js';
export type { Simulation, MeasureOptions, Snapshot, SweepResult } from './simulation.js';
export type { Measurement, Observable, Observables, ObservableName, SampledObservable } from './measure.js';
export { normalizeOptions, DEFAULTS, MIN_SIZE, MAX_SIZE, MODELS, LATTICES, ALGORITHMS, CLUSTER_ALGORITHMS, BACKENDS, STARTS } from './options.js';
export type { SimulationOptions, NormalizedOptions, Model, Lattice, Algorithm, LocalAlgorithm, ClusterAlgorithm, UpdateSettings, BackendChoice, Start } from './options.js';
export { criticalSlowingDown, defaultDynamicsSteps, DYNAMICS_DEFAULTS, DYNAMICS_OBSERVABLES } from './cluster/dynamics.js';
export type { DynamicsOptions, DynamicsPoint, DynamicsFit, DynamicsResult, DynamicsObservable, TauEstimate } from './cluster/dynamics.js';
export type { ImprovedEstimators } from './cluster/improved.js';
export { NO_CLUSTER } from './cluster/labels.js';
export { InvalidOptionError, BackendUnavailableError, CoreError, DisposedError } from './errors.js';
export { loadCore } from './backend/index.js';
export type { CoreSource, BackendName } from './backend/index.js';
export { seedState, childSeed, Xoshiro128, MAX_SEED } from './rng.js';
export * from './exact/index.js';
export * as stats from './stats/index.js';
