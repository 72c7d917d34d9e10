/**
 * Checkpoints: a small, versioned, self-describing, checksummed `Uint8Array` holding everything
 * needed to continue a simulation (or a measuring run) exactly where it stopped.
 *
 * Format (version 1), all integers little-endian:
 *
 *   offset 0       8 bytes   magic 0x89 "CRIT" 0x0D 0x0A 0x1A (PNG-style: catches text-mode mangling)
 *   offset 8       u16       format version (1)
 *   offset 10      u32       H = byte length of the header
 *   offset 14      H bytes   header: UTF-8 JSON, see {@link CheckpointHeader}
 *   offset 14 + H  sections, in the order and with the byte lengths listed in header.sections:
 *                    "spins"   encoding "bits" (Ising): one bit per site, row-major, bit i of byte k
 *                              is site 8k + i, 1 = spin +1, 0 = spin -1; encoding "bytes" (Potts):
 *                              one byte per site, row-major, the state 0 .. q-1
 *                              encoding "float64le" (continuous spins): the components of every
 *                              site's vector as little-endian float64, site by site (row-major)
 *                    "records" encoding "zigzag-delta-varint" (run checkpoints only; models whose
 *                              records are integers): the per-step
 *                              records of the model's layout, W integers each (Ising (B, M), W = 2:
 *                              B = sum_<ij> s_i s_j, M = sum_i s_i; Potts W = q + 1), each integer
 *                              stored as the difference from the same integer of the previous
 *                              record (the first from 0), zigzag-mapped (d >= 0 -> 2d,
 *                              d < 0 -> -2d - 1) and written as LEB128 varints; encoding
 *                              "float64le" (models whose records are float64 sums: continuous
 *                              spins): the W values of every record as little-endian float64
 *                    "sizes"   encoding "float64le" (run checkpoints of cluster algorithms only,
 *                              after "records"): the per-step cluster-size statistic of the
 *                              improved estimators (Wolff: sum of |C|; Swendsen-Wang: sum of |C|^2)
 *                    "correlations" encoding "zigzag-delta-varint" (run checkpoints measuring
 *                              correlations only, last): the correlation samples taken so far,
 *                              header.run.every sweeps apart (src/correlation.ts record layout);
 *                              "float64le" for models whose records are float64
 *   last 4 bytes   u32       CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of every byte before it
 *
 * The header names the model and lattice, and the model's parameters in `parameters` (absent for
 * the Ising model, which has none: Ising checkpoints are byte for byte those of the first release).
 *
 * A reader refuses, with a {@link CheckpointError} naming the reason: anything but a Uint8Array,
 * a truncated file, wrong magic, a newer format version, a checksum mismatch, a malformed or
 * inconsistent header, and a model or lattice this build does not run. A checkpoint comes from
 * outside: its parameters pass the same validation as a new simulation's options.
 */
import { CheckpointError, InvalidOptionError } from './errors.js';
import { modelDefinition, type ModelParameters, type SpinArray } from './models/index.js';
import type { RecordArray, RecordType } from './models/model.js';
import { checkSize } from './options.js';
import { checkCount, checkField, checkObject, checkSeed, checkTemperature, oneOf } from './validate.js';
import { geometryOf, sitesOf } from './lattice.js';
import {
  ALGORITHMS,
  CLUSTER_ALGORITHMS,
  LATTICES,
  MODELS,
  STARTS,
  type Algorithm,
  type ClusterAlgorithm,
  type Lattice,
  type Model,
  type Start,
} from './vocabulary.js';

export const CHECKPOINT_MAGIC: readonly number[] = [0x89, 0x43, 0x52, 0x49, 0x54, 0x0d, 0x0a, 0x1a];
/** The format version this build writes and the newest it reads. */
export const CHECKPOINT_VERSION = 1;

const PREFIX_BYTES = 14;
const CRC_BYTES = 4;

/** The state of one simulation: parameters, lattice, generator and counters. */
export interface SimulationState extends ModelParameters {
  model: Model;
  lattice: Lattice;
  size: number;
  temperature: number;
  beta: number;
  field: number;
  algorithm: Algorithm;
  seed: number;
  start: Start;
  /** Sweeps run so far. */
  sweeps: number;
  /** Spins changed so far. */
  flips: number;
  /** Work so far in sweep equivalents (README "Work accounting"). */
  sweepEquivalents: number;
  /** Cluster and hybrid settings (see SimulationOptions); stored for every algorithm. */
  clustersPerStep: number;
  hybridSweeps: number;
  hybridCluster: ClusterAlgorithm;
  /** Lattice layout of the Metropolis kernel: 'packed' and 'byte' follow different random streams. */
  layout: 'packed' | 'byte';
  /** xoshiro128** state, 4 words. */
  rngState: Uint32Array;
  /** The lattice, row-major, as `spins()` returns it (Ising +1 / -1, Potts 0 .. q-1, XY components). */
  spins: SpinArray;
  /** The Metropolis step size of continuous-spin models (tuned during thermalization). */
  stepSize?: number;
}

/** How far a measuring run (thermalize, then record one (B, M) pair per sweep) has got. */
export interface RunState {
  /** Sweeps to discard first. */
  thermalize: number;
  /** Sweeps to record. */
  sweeps: number;
  /** Thermalization sweeps done. */
  thermalized: number;
  /** Recorded sweeps done. */
  measured: number;
  /** Spins changed during the recorded sweeps. */
  measureFlips: number;
  /** Work of the recorded sweeps in sweep equivalents. */
  measureWork: number;
  /** The record of every recorded step (the model's layout, W values each, of its record type): the first W * measured values are used. */
  records: RecordArray;
  /** The result keeps the per-sweep e and m series. @default false */
  keepSeries?: boolean;
  /** The result has the e and m histograms. @default false */
  histograms?: boolean;
  /** Cluster algorithms: the per-step cluster-size statistic of the improved estimators (the first `measured` values are used). */
  sizes?: Float64Array;
  /** Sweeps between correlation samples (0 or absent: none). */
  every?: number;
  /** The correlation samples: the first floor(measured / every) x correlationValues(L) values are used. */
  correlations?: RecordArray;
}

export interface CheckpointContents {
  /** 'simulation': from Simulation.checkpoint(); 'run': a measuring run in progress (jobs, workers, serverless). */
  kind: 'simulation' | 'run';
  state: SimulationState;
  /** Present exactly when kind is 'run'. */
  run?: RunState;
}

/** The JSON header of a version-1 checkpoint. */
export interface CheckpointHeader {
  format: 'criticality-checkpoint';
  kind: 'simulation' | 'run';
  model: string;
  lattice: string;
  /** The model's parameters (absent when it has none, e.g. Ising). */
  parameters?: Record<string, unknown>;
  options: {
    size: number;
    temperature: number;
    beta: number;
    field: number;
    algorithm: Algorithm;
    seed: number;
    start: Start;
    clustersPerStep: number;
    hybridSweeps: number;
    hybridCluster: ClusterAlgorithm;
    layout: 'packed' | 'byte';
  };
  counters: { sweeps: number; flips: number; sweepEquivalents: number };
  rng: number[];
  /** The Metropolis step size of continuous-spin models (XY: radians in [1e-6, pi]; Heisenberg: in [1e-6, 10]). */
  stepSize?: number;
  /** keepSeries and histograms appear only when true (a checkpoint without them reads as false). */
  run?: {
    thermalize: number;
    sweeps: number;
    thermalized: number;
    measured: number;
    measureFlips: number;
    measureWork: number;
    keepSeries?: true;
    histograms?: true;
    every?: number;
  };
  sections: { name: 'spins' | 'records' | 'sizes' | 'correlations'; encoding: string; count: number; bytes: number }[];
}

// ---------------------------------------------------------------------------------------------
// CRC-32

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3): reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF. */
export function crc32(bytes: Uint8Array, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < end; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Sections

/** Zigzag-delta LEB128 varints of records of `width` integers each (see the module comment). */
function encodeRecords(records: Int32Array, width: number): Uint8Array {
  const out = new Uint8Array(5 * records.length); // a 33-bit zigzag value takes at most 5 bytes
  const previous = new Float64Array(width);
  let p = 0;
  for (let k = 0, c = 0; k < records.length; k++, c = c + 1 === width ? 0 : c + 1) {
    const d = records[k] - previous[c];
    previous[c] = records[k];
    // arithmetic, not bit operations: differences of two i32 need 33 bits
    let z = d >= 0 ? 2 * d : -2 * d - 1;
    while (z >= 0x80) {
      out[p++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    out[p++] = z;
  }
  return out.slice(0, p);
}

function decodeRecords(bytes: Uint8Array, count: number, width: number): Int32Array {
  const records = new Int32Array(count);
  const previous = new Float64Array(width);
  let p = 0;
  for (let k = 0, c = 0; k < count; k++, c = c + 1 === width ? 0 : c + 1) {
    let z = 0;
    let scale = 1;
    for (let shift = 0; ; shift++) {
      if (p >= bytes.length || shift > 4) throw new CheckpointError('header', `section "records" is malformed at record ${k}`);
      const b = bytes[p++];
      z += (b & 0x7f) * scale;
      scale *= 0x80;
      if (b < 0x80) break;
    }
    const value = previous[c] + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
    if (value < -0x80000000 || value > 0x7fffffff) throw new CheckpointError('header', `section "records" is malformed at record ${k}`);
    records[k] = previous[c] = value;
  }
  if (p !== bytes.length) throw new CheckpointError('header', `section "records" has ${bytes.length - p} bytes more than its ${count} values`);
  return records;
}

/** Float64 values, little-endian (cluster-size statistics, which can exceed 2^32; continuous spins; float64 records). */
function encodeFloat64(values: Float64Array): Uint8Array {
  const out = new Uint8Array(8 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((s, k) => view.setFloat64(8 * k, s, true));
  return out;
}

/** Little-endian float64 values of a section that must all be finite (`what` names it in the error). */
function decodeFloat64(bytes: Uint8Array, count: number, what: string): Float64Array {
  if (bytes.length !== 8 * count)
    throw new CheckpointError('header', `section "${what}" has ${bytes.length} bytes, expected ${8 * count} (${count} float64 values)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const v = view.getFloat64(8 * k, true);
    if (!Number.isFinite(v)) throw new CheckpointError('header', `section "${what}" holds ${v} at value ${k}, expected a finite number`);
    values[k] = v;
  }
  return values;
}

/** The section encoding of records and correlation samples of a record type. */
function recordEncoding(type: RecordType): string {
  return type === 'float64' ? 'float64le' : 'zigzag-delta-varint';
}

function encodeRecordSection(values: RecordArray, type: RecordType, width: number): Uint8Array {
  return type === 'float64' ? encodeFloat64(values as Float64Array) : encodeRecords(values as Int32Array, width);
}

function decodeRecordSection(bytes: Uint8Array, count: number, type: RecordType, width: number, what: string): RecordArray {
  return type === 'float64' ? decodeFloat64(bytes, count, what) : decodeRecords(bytes, count, width);
}

function decodeSizes(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes = new Float64Array(bytes.length / 8);
  for (let k = 0; k < sizes.length; k++) {
    const s = view.getFloat64(8 * k, true);
    if (!Number.isFinite(s) || s < 0) throw new CheckpointError('header', `section "sizes" holds ${s} at step ${k}, expected a finite number >= 0`);
    sizes[k] = s;
  }
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Correlation samples are delta-encoded against the value two places before (the layout of the
 * first release, kept so that its checkpoints read back).
 */
const CORRELATION_DELTA_WIDTH = 2;

/** The model parameters held in a state (e.g. `{ q }` for Potts; `{}` for Ising). */
export function modelParametersOf(state: SimulationState): ModelParameters {
  const keys = modelDefinition(state.model).parameterKeys;
  return Object.fromEntries(keys.map((key) => [key, (state as unknown as Record<string, unknown>)[key]])) as ModelParameters;
}

/** Serialises a simulation (and optionally a measuring run) into a checkpoint. */
export function encodeCheckpoint(contents: CheckpointContents): Uint8Array {
  const { state, run } = contents;
  const definition = modelDefinition(state.model);
  const parameters = modelParametersOf(state);
  const width = definition.recordWidth(parameters);
  const spins = definition.spins.encode(state.spins);
  const type = definition.recordType;
  const records = run ? encodeRecordSection(run.records.subarray(0, width * run.measured), type, width) : undefined;
  const sizes = run?.sizes ? encodeFloat64(run.sizes.subarray(0, run.measured)) : undefined;
  const every = run?.every ?? 0;
  // the stride only where samples exist: a lattice whose model has no correlation kernel refuses to give one
  const samples =
    run && every > 0 && run.correlations
      ? run.correlations.subarray(0, Math.floor(run.measured / every) * definition.correlationValues(state.size, parameters, state.lattice))
      : undefined;
  const correlations = samples ? encodeRecordSection(samples, type, CORRELATION_DELTA_WIDTH) : undefined;
  const header: CheckpointHeader = {
    format: 'criticality-checkpoint',
    kind: contents.kind,
    model: state.model,
    lattice: state.lattice,
    ...(Object.keys(parameters).length > 0 ? { parameters: { ...parameters } } : {}),
    options: {
      size: state.size,
      temperature: state.temperature,
      beta: state.beta,
      field: state.field,
      algorithm: state.algorithm,
      seed: state.seed,
      start: state.start,
      clustersPerStep: state.clustersPerStep,
      hybridSweeps: state.hybridSweeps,
      hybridCluster: state.hybridCluster,
      layout: state.layout,
    },
    counters: { sweeps: state.sweeps, flips: state.flips, sweepEquivalents: state.sweepEquivalents },
    rng: Array.from(state.rngState),
    ...(state.stepSize !== undefined ? { stepSize: state.stepSize } : {}),
    ...(run
      ? {
          run: {
            thermalize: run.thermalize,
            sweeps: run.sweeps,
            thermalized: run.thermalized,
            measured: run.measured,
            measureFlips: run.measureFlips,
            measureWork: run.measureWork,
            ...(run.keepSeries ? { keepSeries: true as const } : {}),
            ...(run.histograms ? { histograms: true as const } : {}),
            ...(samples ? { every } : {}),
          },
        }
      : {}),
    sections: [
      { name: 'spins', encoding: definition.spins.encoding, count: state.spins.length, bytes: spins.length },
      ...(records && run ? [{ name: 'records' as const, encoding: recordEncoding(type), count: width * run.measured, bytes: records.length }] : []),
      ...(sizes && run ? [{ name: 'sizes' as const, encoding: 'float64le', count: run.measured, bytes: sizes.length }] : []),
      ...(correlations && samples
        ? [{ name: 'correlations' as const, encoding: recordEncoding(type), count: samples.length, bytes: correlations.length }]
        : []),
    ],
  };
  return encodeContainer(header, [spins, ...(records ? [records] : []), ...(sizes ? [sizes] : []), ...(correlations ? [correlations] : [])]);
}

/**
 * Low-level writer: magic, version, header and sections, then the CRC. Exported for tests that
 * need well-formed checkpoints with unusual headers (another model, a future version).
 */
export function encodeContainer(header: object, sections: Uint8Array[], version = CHECKPOINT_VERSION): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = PREFIX_BYTES + json.length + sections.reduce((sum, s) => sum + s.length, 0) + CRC_BYTES;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(CHECKPOINT_MAGIC, 0);
  view.setUint16(8, version, true);
  view.setUint32(10, json.length, true);
  bytes.set(json, PREFIX_BYTES);
  let offset = PREFIX_BYTES + json.length;
  for (const section of sections) {
    bytes.set(section, offset);
    offset += section.length;
  }
  view.setUint32(offset, crc32(bytes, offset), true);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Reading

function fail(reason: ConstructorParameters<typeof CheckpointError>[0], detail: string): never {
  throw new CheckpointError(reason, detail);
}

/** A work counter in sweep equivalents: finite and >= 0 (Wolff work is fractional). */
function isWork(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** Reads and checks a checkpoint. Throws {@link CheckpointError} naming the reason. */
export function decodeCheckpoint(bytes: unknown): CheckpointContents {
  if (!(bytes instanceof Uint8Array)) {
    fail(
      'not-bytes',
      `expected a Uint8Array from checkpoint(), got ` +
        (bytes === null ? 'null' : typeof bytes === 'object' ? (bytes.constructor?.name ?? 'an object') : typeof bytes),
    );
  }
  if (bytes.length < PREFIX_BYTES + CRC_BYTES) fail('truncated', `${bytes.length} bytes is shorter than the smallest checkpoint`);
  for (let i = 0; i < CHECKPOINT_MAGIC.length; i++) {
    if (bytes[i] !== CHECKPOINT_MAGIC[i]) fail('magic', 'these bytes are not a criticality checkpoint (wrong magic bytes)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(8, true);
  if (version !== CHECKPOINT_VERSION) {
    fail(
      'version',
      `format version ${version}; this build reads version ${CHECKPOINT_VERSION}${version > CHECKPOINT_VERSION ? ' (written by a newer criticality)' : ''}`,
    );
  }
  const headerBytes = view.getUint32(10, true);
  if (PREFIX_BYTES + headerBytes + CRC_BYTES > bytes.length)
    fail('truncated', `the header needs ${headerBytes} bytes but only ${bytes.length - PREFIX_BYTES - CRC_BYTES} follow`);
  let header: CheckpointHeader | undefined;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes))) as CheckpointHeader;
  } catch {
    header = undefined;
  }
  const sections = Array.isArray(header?.sections) ? header.sections : undefined;
  const sectionBytes = sections?.reduce((sum, s) => sum + (isCount(s?.bytes) ? s.bytes : NaN), 0);
  const expected = PREFIX_BYTES + headerBytes + (sectionBytes ?? 0) + CRC_BYTES;
  if (sectionBytes !== undefined && !Number.isNaN(sectionBytes) && expected > bytes.length) {
    fail('truncated', `${bytes.length} bytes, the header announces ${expected}`);
  }
  const stored = view.getUint32(bytes.length - CRC_BYTES, true);
  const computed = crc32(bytes, bytes.length - CRC_BYTES);
  if (stored !== computed) fail('checksum', `CRC-32 mismatch (stored ${hex(stored)}, computed ${hex(computed)}): the checkpoint is corrupted`);
  if (!header || typeof header !== 'object' || !sections || Number.isNaN(sectionBytes)) fail('header', 'the header is not a valid checkpoint header');
  if (expected !== bytes.length) fail('header', `${bytes.length} bytes, the header announces ${expected}`);
  return readContents(header, bytes.subarray(PREFIX_BYTES + headerBytes, bytes.length - CRC_BYTES));
}

function hex(x: number): string {
  return `0x${x.toString(16).padStart(8, '0')}`;
}

function readContents(header: CheckpointHeader, body: Uint8Array): CheckpointContents {
  if (header.format !== 'criticality-checkpoint') fail('header', `header.format is ${JSON.stringify(header.format)}, expected "criticality-checkpoint"`);
  if (!(MODELS as readonly unknown[]).includes(header.model))
    fail('model', `model ${JSON.stringify(header.model)}; this build runs ${MODELS.map((m) => `"${m}"`).join(', ')}`);
  if (!(LATTICES as readonly unknown[]).includes(header.lattice))
    fail('model', `lattice ${JSON.stringify(header.lattice)}; this build runs ${LATTICES.map((l) => `"${l}"`).join(', ')}`);
  const model = header.model as Model;
  const definition = modelDefinition(model);
  let parameters: ModelParameters;
  try {
    const given = checkObject('parameters', header.parameters ?? {}, '{ "q": 3 }');
    for (const key of Object.keys(given)) {
      if (!definition.parameterKeys.includes(key)) throw new InvalidOptionError(`parameters.${key}`, given[key], `no ${key} for model "${model}"`);
    }
    parameters = definition.parameters(given);
  } catch (error) {
    if (error instanceof InvalidOptionError) fail('header', error.message);
    throw error;
  }
  if (header.kind !== 'simulation' && header.kind !== 'run') fail('header', `header.kind is ${JSON.stringify(header.kind)}, expected "simulation" or "run"`);
  const o = header.options ?? ({} as CheckpointHeader['options']);
  let options: CheckpointHeader['options'];
  try {
    options = {
      size: checkSize(o.size, 'options.size', header.lattice as Lattice),
      temperature: checkTemperature('options.temperature', o.temperature),
      beta: checkTemperature('options.beta', o.beta),
      field: checkField('options.field', o.field),
      algorithm: oneOf('options.algorithm', o.algorithm, ALGORITHMS),
      seed: checkSeed(o.seed, 'options.seed'),
      start: oneOf('options.start', o.start, STARTS),
      clustersPerStep: checkCount('options.clustersPerStep', o.clustersPerStep, 1),
      hybridSweeps: checkCount('options.hybridSweeps', o.hybridSweeps, 1),
      hybridCluster: oneOf('options.hybridCluster', o.hybridCluster, CLUSTER_ALGORITHMS),
      layout: oneOf('options.layout', o.layout, ['packed', 'byte'] as const),
    };
  } catch (error) {
    if (error instanceof InvalidOptionError) fail('header', error.message);
    throw error;
  }
  if (options.beta !== 1 / options.temperature && options.temperature !== 1 / options.beta) {
    fail('header', `header.options.beta is ${options.beta}, not 1 / temperature = ${1 / options.temperature}`);
  }
  const counters = header.counters;
  if (!counters || !isCount(counters.sweeps) || !isCount(counters.flips)) fail('header', 'header.counters must hold non-negative integers sweeps and flips');
  if (!isWork(counters.sweepEquivalents)) fail('header', 'header.counters.sweepEquivalents must be a finite number >= 0');
  const rng = header.rng;
  if (!Array.isArray(rng) || rng.length !== 4 || !rng.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) || rng.every((w) => w === 0)) {
    fail('header', 'header.rng must be 4 unsigned 32-bit words, not all zero');
  }
  const stepSize = header.stepSize;
  if (stepSize !== undefined && !(typeof stepSize === 'number' && stepSize >= 1e-6 && stepSize <= 10)) {
    fail('header', `header.stepSize is ${JSON.stringify(stepSize)}, expected a number from 1e-6 to 10`);
  }
  const sites = sitesOf(geometryOf(header.lattice as Lattice), options.size);
  const [spinSection, recordSection, ...optional] = header.sections;
  const sizeSection = optional.find((s) => s?.name === 'sizes');
  const correlationSection = optional.find((s) => s?.name === 'correlations');
  const extra = optional.filter((s) => s !== sizeSection && s !== correlationSection);
  const codec = definition.spins;
  if (
    extra.length > 0 ||
    spinSection?.name !== 'spins' ||
    spinSection.encoding !== codec.encoding ||
    spinSection.count !== sites * (codec.components ?? 1) ||
    !isCount(spinSection.bytes)
  ) {
    fail('header', `expected a "spins" section of ${sites} sites (${sites * (codec.components ?? 1)} values) in encoding "${codec.encoding}" first`);
  }
  const spins = codec.decode(body.subarray(0, spinSection.bytes), sites, parameters);
  if (!spins) fail('header', `the "spins" section is not ${codec.describe(sites, parameters)}`);
  const state: SimulationState = {
    model,
    lattice: header.lattice as Lattice,
    ...options,
    ...parameters,
    sweeps: counters.sweeps,
    flips: counters.flips,
    sweepEquivalents: counters.sweepEquivalents,
    rngState: Uint32Array.from(rng),
    spins,
    ...(stepSize !== undefined ? { stepSize } : {}),
  };
  if (header.kind === 'simulation') {
    if (recordSection || optional.length > 0 || header.run) fail('header', 'a simulation checkpoint has no run section');
    return { kind: 'simulation', state };
  }
  const r = header.run;
  if (
    !r ||
    ![r.thermalize, r.sweeps, r.thermalized, r.measured, r.measureFlips].every(isCount) ||
    !isWork(r.measureWork) ||
    r.thermalized > r.thermalize ||
    r.measured > r.sweeps ||
    (r.measured > 0 && r.thermalized !== r.thermalize)
  ) {
    fail('header', 'header.run must hold consistent counts (thermalized <= thermalize, measured <= sweeps, measuring only after thermalizing)');
  }
  for (const flag of ['keepSeries', 'histograms'] as const) {
    if (r[flag] !== undefined && r[flag] !== true) fail('header', `header.run.${flag} must be true when present`);
  }
  const width = definition.recordWidth(parameters);
  const type = definition.recordType;
  if (
    recordSection?.name !== 'records' ||
    recordSection.encoding !== recordEncoding(type) ||
    recordSection.count !== width * r.measured ||
    !isCount(recordSection.bytes)
  ) {
    fail('header', `expected a "records" section of ${width * r.measured} values (${width} a step) in encoding "${recordEncoding(type)}"`);
  }
  const records = decodeRecordSection(body.subarray(spinSection.bytes, spinSection.bytes + recordSection.bytes), recordSection.count, type, width, 'records');
  let offset = spinSection.bytes + recordSection.bytes;
  let sizes: Float64Array | undefined;
  if (sizeSection) {
    if (optional[0] !== sizeSection || sizeSection.encoding !== 'float64le' || sizeSection.count !== r.measured || sizeSection.bytes !== 8 * r.measured) {
      fail('header', `expected a "sizes" section of ${r.measured} float64 values after the records`);
    }
    sizes = decodeSizes(body.subarray(offset, offset + sizeSection.bytes));
    offset += sizeSection.bytes;
  }
  let correlations: RecordArray | undefined;
  const every = r.every;
  if (correlationSection || every !== undefined) {
    const count =
      isCount(every) && every > 0 ? Math.floor(r.measured / every) * definition.correlationValues(options.size, parameters, header.lattice as Lattice) : NaN;
    if (
      !correlationSection ||
      optional.at(-1) !== correlationSection ||
      correlationSection.encoding !== recordEncoding(type) ||
      correlationSection.count !== count ||
      !isCount(correlationSection.bytes)
    ) {
      fail('header', 'header.run.every (an integer >= 1) and a last "correlations" section of floor(measured / every) samples go together');
    }
    correlations = decodeRecordSection(body.subarray(offset, offset + correlationSection.bytes), count, type, CORRELATION_DELTA_WIDTH, 'correlations');
  }
  return {
    kind: 'run',
    state,
    run: {
      thermalize: r.thermalize,
      sweeps: r.sweeps,
      thermalized: r.thermalized,
      measured: r.measured,
      measureFlips: r.measureFlips,
      measureWork: r.measureWork,
      records,
      keepSeries: r.keepSeries === true,
      histograms: r.histograms === true,
      ...(sizes ? { sizes } : {}),
      ...(correlations ? { every, correlations } : {}),
    },
  };
}

/** Decodes a run checkpoint (from a paused, aborted or budget-exhausted run) and checks its counts against the limits of a run. */
export function decodeRunCheckpoint(bytes: Uint8Array): CheckpointContents & { run: RunState } {
  const contents = decodeCheckpoint(bytes);
  if (contents.kind !== 'run' || !contents.run) {
    throw new CheckpointError(
      'kind',
      'a simulation checkpoint (from checkpoint()); a run needs a run checkpoint (from a paused, aborted or budget-exhausted job)',
    );
  }
  return contents as CheckpointContents & { run: RunState };
}

/** The options of a simulation that can take a checkpoint of this state (its model, parameters, lattice, size, temperature, algorithm, seed and layout). */
export function simulationOptionsOf(state: SimulationState): {
  model: Model;
  lattice: Lattice;
  size: number;
  temperature: number;
  algorithm: Algorithm;
  seed: number;
  start: 'cold';
  layout: 'packed' | 'byte';
  q?: number;
} {
  // the checkpoint's algorithm and temperature: some lattices run only some algorithms, and some
  // models have no default temperature there (the Potts model on the cubic lattice); resume sets both again
  return {
    model: state.model,
    lattice: state.lattice,
    size: state.size,
    temperature: state.temperature,
    algorithm: state.algorithm,
    seed: state.seed,
    start: 'cold',
    layout: state.layout,
    ...modelParametersOf(state),
  };
}
