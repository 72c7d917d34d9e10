/** The registry of spin models: one {@link ModelDefinition} per model (src/models/<name>/). */
import type { Model } from '../vocabulary.js';
import type { ModelDefinition } from './model.js';
import { ising } from './ising/index.js';
import { potts } from './potts/index.js';
import { xy } from './xy/index.js';
import { clock } from './clock/index.js';
import { heisenberg } from './heisenberg/index.js';
import { phi4 } from './phi4/index.js';

export const MODEL_DEFINITIONS: Readonly<Record<Model, ModelDefinition>> = {
  ising,
  potts: potts as unknown as ModelDefinition,
  xy: xy as unknown as ModelDefinition,
  clock: clock as unknown as ModelDefinition,
  heisenberg: heisenberg as unknown as ModelDefinition,
  phi4: phi4 as unknown as ModelDefinition,
};

/** The definition of `model` (already validated as one of MODELS). */
export function modelDefinition(model: Model): ModelDefinition {
  return MODEL_DEFINITIONS[model];
}

/** Every option key some model adds (each is refused by the models that do not have it). */
export const MODEL_PARAMETER_KEYS: readonly string[] = [...new Set(Object.values(MODEL_DEFINITIONS).flatMap((d) => d.parameterKeys))];

export type {
  ModelDefinition,
  ModelKernel,
  ModelParameters,
  SpinArray,
  SpinCodec,
  KernelChoice,
  KernelRequest,
  Reference,
  RecordArray,
  RecordType,
} from './model.js';
export { createRecords, isRecordArray } from './model.js';
