/**
 * criticality: phase transitions in lattice spin models.
 * Every public export is listed here.
 */
export { createSimulation, MAX_MEASURE_SWEEPS } from './simulation.js';
export type { Simulation, MeasureOptions, Snapshot, SweepResult } from './simulation.js';
export { MeasurementRun, defaultCorrelationInterval } from './recorder.js';
export type { NormalizedMeasureOptions } from './recorder.js';
export { secondMomentCorrelationLength } from './correlation.js';
export type { CorrelationMeasurement } from './correlation.js';
export type { Measurement, Observable, Observables, ObservableName, SampledObservable } from './measure.js';
export { normalizeOptions, DEFAULTS, MIN_SIZE, MAX_SIZE, MODELS, LATTICES, ALGORITHMS, BACKENDS, STARTS } from './options.js';
export type { SimulationOptions, NormalizedOptions, Model, Lattice, Algorithm, BackendChoice, Start } from './options.js';
export { InvalidOptionError, BackendUnavailableError, CoreError, DisposedError } from './errors.js';
export { loadCore } from './backend/index.js';
export type { CoreSource, BackendName } from './backend/index.js';
export { seedState, childSeed, Xoshiro128, MAX_SEED } from './rng.js';
export * from './exact/index.js';
export * as stats from './stats/index.js';
export { runSweep, expandTemperatures, sweepPointSeed, MAX_SWEEP_POINTS, MIN_POINT_SAMPLES } from './sweep.js';
export type { RunSweepOptions, RunSweepResult, SweepPoint, SweepProgress, TemperatureSpec } from './sweep.js';
export * from './analysis/index.js';
export { exactReference } from './reference.js';
export type { ExactReference } from './reference.js';
