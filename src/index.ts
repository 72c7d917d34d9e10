/**
 * criticality: phase transitions in lattice spin models.
 * Every public export is listed here.
 */
export { createSimulation, MAX_MEASURE_SWEEPS } from './simulation.js';
export type { Simulation, MeasureOptions, Snapshot, SweepResult } from './simulation.js';
export type { Measurement, Observable, Observables, ObservableName, SampledObservable } from './measure.js';
export { normalizeOptions, DEFAULTS, MIN_SIZE, MAX_SIZE, MODELS, LATTICES, ALGORITHMS, BACKENDS, STARTS } from './options.js';
export type { SimulationOptions, NormalizedOptions, Model, Lattice, Algorithm, BackendChoice, Start } from './options.js';
export { InvalidOptionError, BackendUnavailableError, CoreError, DisposedError } from './errors.js';
export { loadCore } from './backend/index.js';
export type { CoreSource, BackendName } from './backend/index.js';
export { seedState, childSeed, Xoshiro128, MAX_SEED } from './rng.js';
export * from './exact/index.js';
export * as stats from './stats/index.js';
export { CheckpointError, WorkerCrashedError, AbortedError } from './errors.js';
export type { CheckpointFailure } from './errors.js';
export { encodeCheckpoint, decodeCheckpoint, CHECKPOINT_VERSION } from './checkpoint.js';
export type { CheckpointContents, SimulationState, RunState } from './checkpoint.js';
export { executeJob, continueRun, resumeSimulation } from './jobs/runner.js';
export type { ExecuteOptions } from './jobs/runner.js';
export { validateRunJob } from './jobs/job.js';
export type { RunJob, JobOptions, JobProgress, JobResult } from './jobs/job.js';
export { createSimulationWorker } from './worker/client.js';
export type { SimulationWorker, CallControl, RunControl, WorkerOptions } from './worker/client.js';
export type { SimulationWorkerApi, SimulationInfo, WorkerRunLimits } from './worker/simulation.worker.js';
export { createPool } from './worker/pool.js';
export type { Pool, PoolOptions, PoolProgress, PoolRunControl, PoolRunResult, TaskOutcome } from './worker/pool.js';
export type { TemperingOptions, TemperingResult, SwapStatistics } from './worker/tempering.js';
export { planSweep, mergeResults, pointKey } from './jobs/plan.js';
export type { SweepPlan, MergedSweep } from './jobs/plan.js';
export { rgFlow, flowDirection } from './rg/run.js';
export type { RgOptions, RgResult, RgLevel, FlowDirection } from './rg/run.js';
export { blockSpinPyramid, coarseGrain, RG_STREAM } from './rg/blockspin.js';
export type { BlockSpinOptions, BlockPyramid } from './rg/blockspin.js';
export type { RgLevelFlow } from './rg/flow.js';
export type { PatternEntropy } from './rg/entropy.js';
export type { McrgResult, McrgEntry, McrgEstimate, McrgUndetermined, McrgSector } from './rg/mcrg.js';
export { BLOCK_RULES, RG_OPERATOR_NAMES } from './backend/rg-types.js';
export type { BlockRule, RgOperatorName } from './backend/rg-types.js';
export { landau, landauFreeEnergy } from './landau.js';
export type { LandauOptions, LandauRunOptions, LandauResult, LandauProfile, LandauPoint, LandauFit, LandauBarrier, LandauShape, OrderParameterSamples } from './landau.js';
export { landauScan } from './landau-scan.js';
export type { LandauScanOptions, LandauScanResult, LandauScanSize, LandauScanPoint, LandauCrossover } from './landau-scan.js';
