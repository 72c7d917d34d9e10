/**
 * criticality: phase transitions in lattice spin models.
 * Every public export is listed here.
 */
import { useInlinedFallback } from './backend/inline.js';

// the default core: the shipped .wasm file, else the inlined copy (never in a worker bundle: see src/backend/loader.ts)
useInlinedFallback();

export { createSimulation, MAX_MEASURE_SWEEPS } from './simulation.js';
export type { Simulation, MeasureOptions, Snapshot, SweepResult } from './simulation.js';
export { MeasurementRun, defaultCorrelationInterval, maxMeasureSweeps, MAX_RECORD_VALUES } from './run.js';
export type { NormalizedMeasureOptions } from './run.js';
export { MODEL_DEFINITIONS, modelDefinition } from './models/index.js';
export type { ModelDefinition, ModelKernel, ModelParameters, SpinArray, SpinCodec, Reference, RecordArray, RecordType } from './models/index.js';
export { createRecords } from './models/index.js';
export { secondMomentCorrelationLength } from './correlation.js';
export type { CorrelationMeasurement } from './correlation.js';
export type {
  Measurement,
  Observable,
  Observables,
  ObservableName,
  ObservablesOf,
  PottsObservables,
  XyObservables,
  HeisenbergObservables,
  Phi4Observables,
  SampledObservable,
} from './measure.js';
export { normalizeOptions, DEFAULTS, MIN_SIZE, MAX_SIZE, MODELS, LATTICES, ALGORITHMS, CLUSTER_ALGORITHMS, BACKENDS, STARTS, LAYOUTS } from './options.js';
export type {
  SimulationOptions,
  NormalizedOptions,
  Model,
  Lattice,
  Algorithm,
  LocalAlgorithm,
  ClusterAlgorithm,
  UpdateSettings,
  BackendChoice,
  Start,
  Layout,
} from './options.js';
export type { SpinsOf } from './vocabulary.js';
export { criticalSlowingDown, defaultDynamicsSteps, DYNAMICS_DEFAULTS, DYNAMICS_OBSERVABLES } from './cluster/dynamics.js';
export type { DynamicsOptions, DynamicsPoint, DynamicsFit, DynamicsResult, DynamicsObservable, TauEstimate } from './cluster/dynamics.js';
export type { ImprovedEstimators } from './cluster/improved.js';
export { NO_CLUSTER } from './cluster/labels.js';
export { MAX_PACKED_SIZE, PACKED_SIZE_MULTIPLE } from './vocabulary.js';
export { MAX_WORKERS } from './worker/limits.js';
export { InvalidOptionError, BackendUnavailableError, CoreError, DisposedError } from './errors.js';
export { loadCore, simdSupported } from './backend/index.js';
export { loadInlinedCore } from './backend/inline.js';
export type { CoreSource, CoreVariant, BackendName, EngineName } from './backend/index.js';
export { seedState, childSeed, Xoshiro128, MAX_SEED } from './rng.js';
export * from './exact/index.js';
export { detSin, detCos, detExp, detLog, DETMATH_MAX_ANGLE } from './detmath.js';
export * as stats from './stats/index.js';
export { CheckpointError, WorkerCrashedError, AbortedError } from './errors.js';
export type { CheckpointFailure } from './errors.js';
export { encodeCheckpoint, decodeCheckpoint, CHECKPOINT_VERSION } from './checkpoint.js';
export type { CheckpointContents, SimulationState, RunState } from './checkpoint.js';
export { executeJob, continueRun, resumeSimulation } from './jobs/runner.js';
export type { ExecuteOptions } from './jobs/runner.js';
export { validateRunJob } from './jobs/job.js';
export type { RunJob, JobOptions, JobProgress, JobResult, ValidRunJob, ChunkedWork } from './jobs/job.js';
export { createSimulationWorker } from './worker/client.js';
export type { SimulationWorker, CallControl, RunControl, WorkerOptions } from './worker/client.js';
export type { SweepForOptions, TimedSweepResult } from './worker/timed-sweep.js';
export { SWEEP_FOR_DEFAULT_MAX } from './worker/timed-sweep.js';
export { packSpins, unpackSpins, spinBitsLength } from './spin-bits.js';
export type { SimulationWorkerApi, SimulationInfo, WorkerRunLimits, CrashPlan } from './worker/simulation.worker.js';
export type { WorkerSource } from './worker/spawn.js';
export { createPool } from './worker/pool.js';
export type { Pool, PoolOptions, PoolProgress, PoolRunControl, PoolRunResult, TaskOutcome } from './worker/pool.js';
export type { TemperingOptions, TemperingResult, SwapStatistics } from './worker/tempering.js';
export { planSweep, mergeResults, pointKey } from './jobs/plan.js';
export type { SweepPlan, MergedSweep } from './jobs/plan.js';
export { rgFlow, flowDirection, flowRate, continuousDirection, FLOW_THRESHOLDS } from './rg/run.js';
export type { RgOptions, RgResult, RgRunResult, ContinuousRgResult, RgLevel, FlowDirection, FlowThresholds } from './rg/run.js';
export { blockSpinPyramid, coarseGrain, coarseGrainCubic, coarseGrainContinuous, coarseGrainPotts, coarseGrainPottsCubic, RG_STREAM } from './rg/blockspin.js';
export type { BlockSpinOptions, BlockPyramid, ContinuousCoarseGrainOptions } from './rg/blockspin.js';
export type { ContinuousRgLevel } from './rg/continuous-flow.js';
export type { ContinuousModel } from './rg/continuous.js';
export { CLOCK6_T1, CLOCK6_T2 } from './models/clock/exact.js';
export type { LiteratureValue } from './models/clock/exact.js';
export type { RgLevelFlow, BlockLevelObservables } from './rg/flow.js';
export type { PatternEntropy } from './rg/entropy.js';
export type { McrgResult, McrgEntry, McrgEstimate, McrgUndetermined, McrgSector } from './rg/mcrg.js';
export { BLOCK_RULES, RG_OPERATOR_NAMES } from './backend/rg-types.js';
export type { BlockRule, RgOperatorName } from './backend/rg-types.js';
export { landau, landauAngular, landauFreeEnergy } from './landau.js';
export type {
  LandauAngular,
  LandauOptions,
  LandauRunOptions,
  LandauResult,
  LandauProfile,
  LandauPoint,
  LandauFit,
  LandauBarrier,
  LandauShape,
  OrderParameterSamples,
} from './landau.js';
export { landauScan } from './landau-scan.js';
export type { LandauScanOptions, LandauScanResult, LandauScanSize, LandauScanPoint, LandauCrossover } from './landau-scan.js';
export { runSweep, expandTemperatures, sweepPointSeed, MAX_SWEEP_POINTS, MIN_POINT_SAMPLES } from './sweep.js';
export type { RunSweepOptions, RunSweepResult, SweepPoint, SweepProgress, TemperatureSpec } from './sweep.js';
export * from './analysis/index.js';
export { exactReference, criticalReference } from './reference.js';
export { hysteresis } from './hysteresis.js';
export { countPhases, judgePhases, phaseVisits, MIN_TUNNELINGS, MIN_EXPECTED_STEPS } from './phases.js';
export type { PhaseCounts, PhaseRun, PhaseVisits } from './phases.js';
export type { HysteresisOptions, HysteresisResult, HysteresisBranch, HysteresisPoint } from './hysteresis.js';
export { multicanonical } from './multicanonical/index.js';
export type { MulticanonicalOptions, MulticanonicalResult, MulticanonicalPoint, MulticanonicalWeights } from './multicanonical/index.js';
export { analyzeTransition } from './analysis/transition.js';
export type { TransitionAnalysis } from './analysis/transition.js';
export type { ExactReference, CriticalReference, ReferenceModel, ReferenceName } from './reference.js';
export * from './language/index.js';
