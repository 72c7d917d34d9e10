/**
 * criticality/serverless: a fetch handler for serverless and edge runtimes, and the helpers to
 * fan a sweep out over many invocations (planSweep -> independent jobs; mergeResults).
 */
import { useInlinedFallback } from '../backend/inline.js';

// the default core: the shipped .wasm file, else the inlined copy (edge runtimes pass a Module instead)
useInlinedFallback();

export { handle, createHandler, HANDLER_DEFAULTS } from './handler.js';
export type { HandlerOptions, CorsOptions } from './handler.js';
export { toBase64, fromBase64 } from './base64.js';
export { planSweep, mergeResults, pointKey } from '../jobs/plan.js';
export type { SweepPlan, MergedSweep } from '../jobs/plan.js';
export { executeJob } from '../jobs/runner.js';
export type { RunJob, JobResult, JobProgress } from '../jobs/job.js';
export type { Measurement } from '../measure.js';
