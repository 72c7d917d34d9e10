/**
 * Cluster-algorithm benchmarks, measured in the state users run: equilibrium at Tc, through the
 * public `sim.sweep` (no Node APIs here; the native reference is injected by the Node runner).
 *
 * 1. Throughput in equilibrium, L = 1024 by default (`sizes`). For each algorithm (Wolff one
 *    cluster a step, Swendsen-Wang) a WebAssembly simulation starts hot (seed 1, T = Tc, h = 0)
 *    and warms up with its own algorithm until it has flipped `warmupFlips` x N spins (200 N by
 *    default: from a hot start at L = 1024 the Wolff cluster size reaches its equilibrium level,
 *    about 0.2 N, after about 120 N flipped spins). Its snapshot (spins and generator state) then
 *    starts every engine: WebAssembly and JavaScript through `sim.restore` and `sim.sweep`, and the
 *    native C references (bench/native/clusters.c: plain C, and the kernels' scheme in C; same
 *    algorithm and random stream) on the same bytes. Each engine runs one untimed batch (JIT and
 *    caches), then `batches` timed batches of the same steps, interleaved with the other engines'
 *    (round k runs batch k of each, in a rotating order, so that the load of a shared machine falls
 *    on all alike): every engine does exactly the same work and must end in the same lattice
 *    (checked). A batch is `batchSweeps` sweep equivalents: Swendsen-Wang updates, or Wolff
 *    clusters whose number is fixed from the warm-up's mean cluster size.
 *    Cluster spins = sweep equivalents x N (Wolff: flipped spins; Swendsen-Wang: N per update);
 *    throughput = cluster spins of the timed batches / their summed time; a native ratio is
 *    throughput / that native build's throughput over the same steps (= native time / engine time).
 *    The state that was timed: mean cluster fraction (Wolff <|C|>/N, Swendsen-Wang
 *    <sum_C |C|^2>/N^2: both estimate <m^2>) and the mean energy per site against the exact
 *    finite-lattice value (Kaufman; src/exact).
 * 2. Decorrelated samples per second at Tc: recorded steps / (2 tau_int) / seconds, with tau_int
 *    the larger of tau_int(|m|) and tau_int(e) in steps (src/cluster/dynamics.ts), against Metropolis
 *    measured in the same run.
 */
import { createSimulation, criticalSlowingDown, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { Algorithm, BackendName, DynamicsPoint, Simulation, Snapshot } from '../src/index.js';
import { clusterThresholds } from '../src/cluster/thresholds.js';

export type ClusterKind = 'wolff' | 'swendsen-wang';

/** What a native reference process starts from (bench/native/clusters.c). */
export interface NativeRequest {
  /** The C update: 'wolff', 'sw' (plain C) or 'wolff-tuned', 'sw-tuned' (the kernels' scheme in C). */
  variant: string;
  size: number;
  /** Bond threshold: a bond is active when a 32-bit draw r < threshold. */
  threshold: number;
  spins: Int8Array | Uint8Array;
  rngState: Uint32Array;
}

/** One running native process: timed batches on demand, then the final lattice's hash. */
export interface NativeSession {
  /** Runs `steps` steps; the time (ns, measured in the process) and the spins flipped. */
  run(steps: number): Promise<{ ns: number; flips: number }>;
  /** FNV-1a of the final lattice and the generator state; ends the process. */
  end(): Promise<{ hash: number; state: number[] }>;
}

/** The native reference, or why it is not run (no C compiler). */
export type NativeRunner = { compiler: string; start(request: NativeRequest): NativeSession } | { skipped: string };

/** The native builds run next to each algorithm. */
export const NATIVE_VARIANTS: Record<ClusterKind, { variant: string; build: NativeBuild; engine: string }[]> = {
  wolff: [
    { variant: 'wolff', build: 'plain', engine: 'native wolff, plain C' },
    { variant: 'wolff-tuned', build: 'tuned', engine: 'native wolff, tuned C' },
  ],
  'swendsen-wang': [
    { variant: 'sw', build: 'plain', engine: 'native swendsen-wang, plain C' },
    { variant: 'sw-tuned', build: 'tuned', engine: 'native swendsen-wang, tuned C' },
  ],
};

/** The two native builds: plain C, and the kernels' own scheme in C (bench/native/clusters.c). */
export type NativeBuild = 'plain' | 'tuned';

export interface ClusterThroughput {
  engine: string;
  algorithm: ClusterKind;
  backend: BackendName | 'native';
  size: number;
  /** Steps per batch (Wolff clusters or Swendsen-Wang updates). */
  stepsPerBatch: number;
  batches: number;
  /** Cluster spins per ns over the timed batches (summed work / summed time). */
  spinsPerNs: number;
  /** Slowest and fastest batch. */
  minSpinsPerNs: number;
  maxSpinsPerNs: number;
  /** spinsPerNs / each native build's spinsPerNs over the same steps (absent without a native reference). */
  nativeRatios?: Partial<Record<NativeBuild, number>>;
  /** Whether the engine ended in the same lattice as the WebAssembly one. */
  sameLattice: boolean;
}

/** The equilibrium state each algorithm's engines were timed in. */
export interface ClusterState {
  algorithm: ClusterKind;
  size: number;
  /** Spins flipped in the warm-up, / N. */
  warmupFlipsPerSite: number;
  warmupSeconds: number;
  /** Timed steps: Wolff <|C|>/N; Swendsen-Wang <sum_C |C|^2>/N^2. */
  meanClusterFraction: number;
  /** Mean energy per site of the timed steps minus the exact finite-lattice energy at Tc. */
  energyOffset: number;
}

export interface Decorrelation {
  engine: string;
  size: number;
  steps: number;
  /** max(tau_int(|m|), tau_int(e)) in steps. */
  tauSteps: number;
  /** The same in sweep equivalents. */
  tauSweeps: number;
  seconds: number;
  /** steps / (2 tau_steps) / seconds. */
  samplesPerSecond: number;
}

export interface ClusterSuiteResult {
  throughput: ClusterThroughput[];
  states: ClusterState[];
  decorrelation: Decorrelation[];
  /** The native compiler and flags, or why the native reference was skipped. */
  native: string;
  /** 1-minute load average before and after the throughput runs, when the runner knows it. */
  load?: string;
}

export interface ClusterSuiteOptions {
  /** Sizes of the throughput runs. @default [1024] */
  sizes: number[];
  /** Sizes of the decorrelation runs. */
  decorrelationSizes: number[];
  /** Warm-up: spins flipped after the hot start, in units of N. @default 200 */
  warmupFlips: number;
  /** Sweep equivalents per batch. @default 10 */
  batchSweeps: number;
  /** Timed batches per engine. @default 8 */
  batches: number;
  /** The native reference (Node runner), or why there is none. */
  native?: NativeRunner;
  /** The 1-minute load average, when the runner can read it. */
  loadAverage?: () => number;
  log?: (line: string) => void;
}

const ALGORITHMS: ClusterKind[] = ['wolff', 'swendsen-wang'];
const BACKENDS: BackendName[] = ['wasm', 'js'];

/** FNV-1a over the lattice bytes (as bench/native/clusters.c). */
export function latticeHash(spins: ArrayLike<number>): number {
  let hash = 2166136261;
  for (let i = 0; i < spins.length; i++) hash = Math.imul(hash ^ (spins[i] & 0xff), 16777619) >>> 0;
  return hash;
}

function simulationOf(size: number, backend: BackendName, algorithm: ClusterKind): Promise<Simulation> {
  return createSimulation({ size, backend, algorithm, temperature: CRITICAL_TEMPERATURE, seed: 1, start: 'hot' });
}

/** Hot start, then the algorithm's own steps until warmupFlips x N spins have flipped. Returns the snapshot and the mean work per step of the last quarter. */
async function warmUp(size: number, algorithm: ClusterKind, options: ClusterSuiteOptions): Promise<{ snapshot: Snapshot; workPerStep: number; flipsPerSite: number; seconds: number }> {
  const sim = await simulationOf(size, 'wasm', algorithm);
  const n = size * size;
  const t0 = performance.now();
  let tailSteps = 0;
  let tailWork = 0;
  while (sim.flips < options.warmupFlips * n) {
    const r = sim.sweep(algorithm === 'wolff' ? 16 : 1);
    if (sim.flips >= 0.75 * options.warmupFlips * n) {
      tailSteps += r.sweeps;
      tailWork += r.sweepEquivalents;
    }
  }
  const result = { snapshot: sim.snapshot(), workPerStep: tailWork / tailSteps, flipsPerSite: sim.flips / n, seconds: (performance.now() - t0) / 1000 };
  sim.dispose();
  return result;
}

/** One engine started from the warm-up's snapshot: batches of steps, each timed, then its final lattice. */
interface Session {
  engine: string;
  backend: ClusterThroughput['backend'];
  /** Runs one batch; returns its time (ns) and work (cluster spins). */
  batch(steps: number, timed: boolean): Promise<{ ns: number; work: number }>;
  /** Hash of the final lattice; releases the engine. */
  finish(): Promise<number>;
}

/** Sums over the timed steps of the WebAssembly session: the state that was timed. */
interface StateSums {
  steps: number;
  bondSum: number;
  clusterFraction: number;
}

/** A package engine: `sim.restore(snapshot)`, then `sim.sweep(steps, records, sizes)` as `measure()` runs it. */
async function packageSession(size: number, backend: BackendName, algorithm: ClusterKind, snapshot: Snapshot, sums?: StateSums): Promise<Session> {
  const sim = await simulationOf(size, backend, algorithm);
  sim.restore(snapshot);
  const n = size * size;
  let records = new Int32Array(0);
  let sizes = new Float64Array(0);
  return {
    engine: `${backend} ${algorithm}`,
    backend,
    async batch(steps, timed) {
      if (records.length < 2 * steps) {
        records = new Int32Array(2 * steps);
        sizes = new Float64Array(steps);
      }
      const t0 = performance.now();
      const r = sim.sweep(steps, records, sizes);
      const ns = (performance.now() - t0) * 1e6;
      if (timed && sums) {
        sums.steps += steps;
        for (let k = 0; k < steps; k++) {
          sums.bondSum += records[2 * k];
          sums.clusterFraction += algorithm === 'wolff' ? sizes[k] / n : sizes[k] / (n * n);
        }
      }
      return { ns, work: r.sweepEquivalents * n };
    },
    async finish() {
      const hash = latticeHash(sim.spins());
      sim.dispose();
      return hash;
    },
  };
}

function nativeSession(runner: Extract<NativeRunner, { start: unknown }>, variant: { variant: string; engine: string }, algorithm: ClusterKind, size: number, snapshot: Snapshot): Session {
  const process = runner.start({ variant: variant.variant, size, threshold: clusterThresholds(1 / CRITICAL_TEMPERATURE, 0).bond, spins: snapshot.spins as Int8Array, rngState: snapshot.rngState });
  return {
    engine: variant.engine,
    backend: 'native',
    async batch(steps) {
      const r = await process.run(steps);
      return { ns: r.ns, work: algorithm === 'wolff' ? r.flips : steps * size * size };
    },
    finish: async () => (await process.end()).hash,
  };
}

/**
 * Interleaved rounds: one untimed batch per engine, then `batches` rounds in which every engine runs
 * the same steps (the order rotates from round to round), so that a change of the machine's load
 * falls on all engines alike.
 */
async function timeSessions(sessions: Session[], steps: number, batches: number): Promise<{ ns: number[]; work: number[] }[]> {
  for (const s of sessions) await s.batch(steps, false);
  const out = sessions.map(() => ({ ns: [] as number[], work: [] as number[] }));
  for (let b = 0; b < batches; b++) {
    for (let k = 0; k < sessions.length; k++) {
      const i = (b + k) % sessions.length;
      const r = await sessions[i].batch(steps, true);
      out[i].ns.push(r.ns);
      out[i].work.push(r.work);
    }
  }
  return out;
}

function throughputOf(session: Session, algorithm: ClusterKind, size: number, steps: number, timed: { ns: number[]; work: number[] }, sameLattice: boolean): ClusterThroughput {
  const { ns, work } = timed;
  const perBatch = ns.map((t, b) => work[b] / t);
  return {
    engine: session.engine, algorithm, backend: session.backend, size, stepsPerBatch: steps, batches: ns.length,
    spinsPerNs: work.reduce((a, b) => a + b, 0) / ns.reduce((a, b) => a + b, 0),
    minSpinsPerNs: Math.min(...perBatch), maxSpinsPerNs: Math.max(...perBatch), sameLattice,
  };
}

async function throughput(options: ClusterSuiteOptions, log: (line: string) => void): Promise<{ throughput: ClusterThroughput[]; states: ClusterState[] }> {
  const out: ClusterThroughput[] = [];
  const states: ClusterState[] = [];
  const native = options.native && 'start' in options.native ? options.native : undefined;
  for (const size of options.sizes) {
    const n = size * size;
    const exactEnergy = finiteLatticeExact(size, CRITICAL_TEMPERATURE).energy;
    for (const algorithm of ALGORITHMS) {
      const warm = await warmUp(size, algorithm, options);
      const steps = Math.max(1, Math.round(options.batchSweeps / warm.workPerStep));
      const sums: StateSums = { steps: 0, bondSum: 0, clusterFraction: 0 };
      const sessions: Session[] = [];
      for (const backend of BACKENDS) sessions.push(await packageSession(size, backend, algorithm, warm.snapshot, backend === 'wasm' ? sums : undefined));
      if (native) for (const variant of NATIVE_VARIANTS[algorithm]) sessions.push(nativeSession(native, variant, algorithm, size, warm.snapshot));
      const timed = await timeSessions(sessions, steps, options.batches);
      const hashes: number[] = [];
      for (const s of sessions) hashes.push(await s.finish());
      const rows = sessions.map((s, i) => throughputOf(s, algorithm, size, steps, timed[i], hashes[i] === hashes[0]));
      if (native) {
        for (const variant of NATIVE_VARIANTS[algorithm]) {
          const reference = rows.find((r) => r.engine === variant.engine)!;
          for (const r of rows) r.nativeRatios = { ...r.nativeRatios, [variant.build]: r.spinsPerNs / reference.spinsPerNs };
        }
      }
      const state: ClusterState = {
        algorithm, size, warmupFlipsPerSite: warm.flipsPerSite, warmupSeconds: warm.seconds,
        meanClusterFraction: sums.clusterFraction / sums.steps, energyOffset: -sums.bondSum / (n * sums.steps) - exactEnergy,
      };
      states.push(state);
      log(`${algorithm} L=${size}: warm-up ${state.warmupFlipsPerSite.toFixed(0)} N flipped spins (${state.warmupSeconds.toFixed(1)} s), timed ${options.batches} x ${steps} steps: cluster fraction ${state.meanClusterFraction.toFixed(3)}, e - e_exact ${state.energyOffset.toExponential(1)}`);
      for (const row of rows) {
        const ratio = row.nativeRatios ? `  ${row.nativeRatios.plain!.toFixed(2)}x plain C, ${row.nativeRatios.tuned!.toFixed(2)}x tuned C` : '';
        log(`  ${row.engine.padEnd(30)} ${row.spinsPerNs.toFixed(4)} cluster spins/ns (${row.minSpinsPerNs.toFixed(4)}-${row.maxSpinsPerNs.toFixed(4)})${ratio}${row.sameLattice ? '' : '  DIFFERENT LATTICE'}`);
      }
      out.push(...rows);
    }
  }
  return { throughput: out, states };
}

interface DecorrelationEngine {
  name: string;
  backend: BackendName;
  algorithm: Algorithm;
}

/** Cluster algorithms against the default (packed) Metropolis of each backend. */
const DECORRELATION_ENGINES: DecorrelationEngine[] = [
  { name: 'wasm wolff', backend: 'wasm', algorithm: 'wolff' },
  { name: 'js wolff', backend: 'js', algorithm: 'wolff' },
  { name: 'wasm swendsen-wang', backend: 'wasm', algorithm: 'swendsen-wang' },
  { name: 'js swendsen-wang', backend: 'js', algorithm: 'swendsen-wang' },
  { name: 'wasm metropolis', backend: 'wasm', algorithm: 'metropolis' },
  { name: 'js metropolis', backend: 'js', algorithm: 'metropolis' },
];

async function decorrelation(options: ClusterSuiteOptions, log: (line: string) => void): Promise<Decorrelation[]> {
  const out: Decorrelation[] = [];
  for (const size of options.decorrelationSizes) {
    for (const engine of DECORRELATION_ENGINES) {
      const { points } = await criticalSlowingDown({ sizes: [size], algorithms: [engine.algorithm], backend: engine.backend, seed: 1 });
      const p: DynamicsPoint = points[0];
      const tauSteps = Math.max(p.tau.absMagnetization.steps, p.tau.energy.steps);
      const result = {
        engine: engine.name, size, steps: p.steps, tauSteps, tauSweeps: tauSteps * p.sweepsPerStep, seconds: p.seconds,
        samplesPerSecond: p.steps / (2 * tauSteps) / p.seconds,
      };
      out.push(result);
      log(`${engine.name.padEnd(22)} L=${String(size).padStart(5)}  tau ${result.tauSweeps.toFixed(2)} sweeps  ${result.samplesPerSecond.toFixed(0)} decorrelated samples/s`);
    }
  }
  return out;
}

export async function runClusterSuite(options: ClusterSuiteOptions): Promise<ClusterSuiteResult> {
  const log = options.log ?? (() => {});
  const native = options.native === undefined ? 'not available in this runtime' : 'start' in options.native ? options.native.compiler : `skipped: ${options.native.skipped}`;
  log(`cluster benchmarks: native reference ${native}`);
  const before = options.loadAverage?.();
  const { throughput: rows, states } = await throughput(options, log);
  const after = options.loadAverage?.();
  const load = before === undefined || after === undefined ? undefined : `${before.toFixed(2)} before, ${after.toFixed(2)} after`;
  return { throughput: rows, states, decorrelation: await decorrelation(options, log), native, ...(load ? { load } : {}) };
}

/**
 * What bounds the cluster kernels: the profile behind the cluster engine (issue 20), measured once
 * (not by `npm run bench`): cachegrind counts, perf samples and same-run timings of the kernel
 * before the engine (commit c09c0d4's assembly/cluster.ts, built into the same tree) against the
 * engine. Re-measure with the commands given when the kernels change.
 */
const CLUSTER_PROFILE: string[] = [
  '## What bounds the cluster kernels (profile)',
  '',
  'Counted with cachegrind (instructions, data references, simulated D1 misses and mispredicted branches:',
  'counts, so independent of the machine\'s load) on this benchmark\'s equilibrium lattices at L = 1024, Tc:',
  '20 Wolff clusters (4.70 M cluster spins) and 4 Swendsen-Wang updates (4.19 M sites) through `sim.sweep`,',
  'the core compiled by TurboFan (`node --no-liftoff`), minus the same run without the steps; C built with',
  '`-march=x86-64-v3` (valgrind has no AVX-512). Per cluster spin (Wolff) or per site (Swendsen-Wang):',
  '',
  '| kernel | instructions | data refs | D1 misses | mispredicted branches |',
  '|---|---:|---:|---:|---:|',
  '| WASM Wolff before the engine (c09c0d4) | 391 | 191 | 1.03 | 0.07 |',
  '| WASM Wolff, cluster engine | 252 | 92 | 0.79 | 0.57 |',
  '| JS Wolff, cluster engine | 370 | 124 | 0.78 | 5.9 |',
  '| C Wolff, plain | 100 | 34 | 0.69 | 2.50 |',
  '| C Wolff, tuned (the engine\'s scheme) | 177 | 45 | 0.73 | 0.06 |',
  '| WASM Swendsen-Wang before the engine | 234 | 102 | 0.34 | 2.16 |',
  '| WASM Swendsen-Wang, cluster engine | 279 | 117 | 0.28 | 1.28 |',
  '| JS Swendsen-Wang, cluster engine | 654 | 274 | 1.02 | 4.9 |',
  '| C Swendsen-Wang, plain | 105 | 34 | 0.23 | 1.97 |',
  '| C Swendsen-Wang, tuned | 122 | 28 | 0.19 | 1.73 |',
  '',
  'Where the time went before the engine (perf, cpu-clock samples with V8\'s jitdump, and ablations):',
  '',
  '- Wolff was already free of branches on random outcomes (0.07 mispredictions per spin), so its 391',
  '  instructions per cluster spin were the bound, half of them moves to and from the stack: TurboFan',
  '  spilled the four generator words, the bond and magnetization sums and the neighbour pointers it',
  '  kept live across the unrolled visits (191 data references per spin against 34 in plain C).',
  '  - Random draws: every visited neighbour computed a full xoshiro128** step and selected the four',
  '    state words on whether the neighbour was a candidate (a loop-carried chain of selects).',
  '  - Bond tests: one compare per visit, cheap.',
  '  - Bookkeeping of B for the records: three more loads and a masked sum per visit; in a first',
  '    version of the engine that kept it, 117 of its 340 instructions per spin (measured by removing it).',
  '  - The work list: one sequential 4-byte write per visit and one read per site, never a miss; the',
  '    D1 misses (about 1 per spin) are lattice rows 1 KB apart, as in C (0.69).',
  '  - Labels for `clusterLabels()`: nothing in the update: the work list is the Wolff cluster\'s label',
  '    list and the union-find parents are the Swendsen-Wang labels; the Int32Array is built only when',
  '    `clusterLabels()` is called.',
  '  - Records: one store of (B, M) and one of the cluster size per step, nothing per spin.',
  '- Swendsen-Wang was bound by 2.2 mispredicted branches per site (the bond tests, p = 0.59 at Tc, and',
  '  the union-find calls behind them, at 15 to 20 cycles each), then by a separate recount pass.',
  '',
  'What the engine changed (assembly/cluster-engine.ts; the random stream is the same, the lattices',
  'identical draw for draw):',
  '',
  '- A draw ring: xoshiro128** outputs generated 32 at a time in a tight loop into a 256-entry ring',
  '  (the state before every 8th kept, so the generator ends exactly after the draws taken); a visit',
  '  loads its draw and consumes it with `idx += candidate`, one index instead of four state words.',
  '- Bookkeeping by marks: a joined site holds a mark until it leaves the work list and takes its new',
  '  value; each visit then sees internal bonds once as moved (from their later end) and boundary',
  '  bonds with the outside value, so dB = 4 n_t - 8 |C| (n_t the visits that saw the new value): one',
  '  compare per visit instead of three loads (the same scheme gives Potts\' dNb).',
  '- The growth in its own function (not inlined into the step loop), with fewer live values: 252',
  '  instructions and 92 data references per cluster spin. The mispredictions counted now are the',
  '  ring refill\'s loop exits in valgrind\'s simple predictor.',
  '- Swendsen-Wang: bond draws from the ring without branches, each site labelled from its left and',
  '  upper bonds as they are drawn (links always to smaller indices, so the labelling pass reads',
  '  parent[parent[i]] without find loops), B and M counted in that pass: 1.28 mispredictions per site,',
  '  left mostly by the union when both the left and the upper bond are active (a quarter of the sites).',
  '',
  'Same-run timings, the kernel before the engine against the engine (interleaved batches through',
  '`sim.sweep`, identical lattices; load average 3.5-4.5): Wolff 1.57x at L = 1024 (0.057 -> 0.088 cluster',
  'spins/ns) and 1.57x at L = 64; Swendsen-Wang 1.33x at L = 1024 (0.040 -> 0.053) and 1.23x at L = 64.',
  'JavaScript stays branchy (a branch-free twin with the ring was slower in V8: 0.20x of tuned C against',
  '0.3x), bound like plain C by mispredicted bond tests (5.9 per cluster spin in valgrind\'s predictor,',
  'which also counts the neighbour loop\'s dispatch) and by 3.7x the instructions of plain C.',
  '',
];

/** The parts of the options the report needs (no functions: it is stored as JSON). */
export type ClusterReportOptions = Pick<ClusterSuiteOptions, 'sizes' | 'decorrelationSizes' | 'warmupFlips' | 'batchSweeps' | 'batches'>;

export function clusterOptionsForReport(options: ClusterSuiteOptions): ClusterReportOptions {
  const { sizes, decorrelationSizes, warmupFlips, batchSweeps, batches } = options;
  return { sizes, decorrelationSizes, warmupFlips, batchSweeps, batches };
}

/** Issue 20's targets at L = 1024: WebAssembly >= 0.8x native, JavaScript >= 0.3x, against each native build of the same run. */
function targetLines(r: ClusterSuiteResult): string[] {
  const rows = r.throughput.filter((t) => t.size === 1024 && t.backend !== 'native' && t.nativeRatios);
  if (!rows.length) return [];
  const verdict = (x: number, goal: number) => `${x.toFixed(2)}x (${x >= goal ? 'met' : `missed by ${(goal / x).toFixed(2)}x`})`;
  return [
    'Targets (issue 20; L = 1024, Tc, equilibrium, same run):',
    '',
    '| engine | goal | vs plain C | vs tuned C |',
    '|---|---:|---|---|',
    ...rows.map((t) => {
      const goal = t.backend === 'wasm' ? 0.8 : 0.3;
      return `| ${t.engine} | >= ${goal}x native | ${verdict(t.nativeRatios!.plain!, goal)} | ${verdict(t.nativeRatios!.tuned!, goal)} |`;
    }),
    '',
  ];
}

/** The RESULTS.md section of the cluster suite. */
export function clusterSection(r: ClusterSuiteResult, options: ClusterReportOptions, environment: Record<string, string | number | boolean>): string[] {
  const { decorrelationSizes } = options;
  const samples = (engine: string, size: number) => r.decorrelation.find((x) => x.engine === engine && x.size === size);
  const state = (t: ClusterThroughput) => r.states.find((s) => s.algorithm === t.algorithm && s.size === t.size);
  return [
    '## Cluster algorithms: throughput in equilibrium (cluster spins/ns)',
    '',
    `Node run: ${['runtime', 'date', 'commit', 'cpu', 'cores'].map((k) => `${k} ${environment[k]}`).join(', ')}.`,
    '',
    `T = Tc, h = 0. Each algorithm warms up from a hot start on WebAssembly until ${options.warmupFlips} N spins have flipped; its`,
    'snapshot then starts every engine, which runs one untimed batch and then the same timed batches',
    `(${options.batches} of ${options.batchSweeps} sweep equivalents, interleaved: round k runs batch k of every engine, in an order that rotates)`,
    'through `sim.sweep` with records, as `measure()` does. The native C references (bench/native/clusters.c, gcc',
    '-O3 -march=native, the same algorithm and random stream) start from the same bytes: plain C (a branch per bond',
    'test, the generator stepped per draw) and tuned C (the kernels\' own scheme: draw ring, no branches on random',
    'outcomes, raster labels); neither keeps B, M or cluster sizes. Every engine does the same work and must end in',
    'the same lattice. Cluster spins = sweep equivalents x N (Wolff: flipped spins; Swendsen-Wang: N per update);',
    'in brackets the slowest and fastest batch. Cluster fraction: Wolff <|C|>/N, Swendsen-Wang <sum_C |C|^2>/N^2',
    '(both estimate <m^2>); e - e_exact: mean energy per site of the timed steps minus the exact finite-lattice',
    'value (Kaufman).',
    '',
    `Native reference: ${r.native}.${r.load ? ` Load average (1 min): ${r.load}.` : ''}`,
    '',
    ...targetLines(r),
    '| engine | L | steps x batches | cluster fraction | e - e_exact | cluster spins/ns | vs plain C | vs tuned C | same lattice |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...r.throughput.map((t) => {
      const s = state(t);
      const ratio = (build: NativeBuild) => (t.nativeRatios?.[build] === undefined ? '' : `${t.nativeRatios[build]!.toFixed(2)}x`);
      return `| ${t.engine} | ${t.size} | ${t.stepsPerBatch} x ${t.batches} | ${s ? s.meanClusterFraction.toFixed(3) : ''} | ${s ? s.energyOffset.toExponential(1) : ''} | ${t.spinsPerNs.toFixed(4)} (${t.minSpinsPerNs.toFixed(4)}-${t.maxSpinsPerNs.toFixed(4)}) | ${ratio('plain')} | ${ratio('tuned')} | ${t.sameLattice ? 'yes' : 'NO'} |`;
    }),
    '',
    ...CLUSTER_PROFILE,
    '## Cluster algorithms: decorrelated samples per second',
    '',
    'T = Tc, h = 0, hot start; tau = max(tau_int(|m|), tau_int(e)) (Sokal window); samples/s = steps / (2 tau) / s;',
    'ratio against Metropolis on the same backend, same run.',
    '',
    '| engine | L | tau (sweeps) | samples/s | vs Metropolis |',
    '|---|---:|---:|---:|---:|',
    ...decorrelationSizes.flatMap((size) => DECORRELATION_ENGINES.flatMap((e) => {
      const d = samples(e.name, size);
      if (!d) return []; // an engine this run did not measure
      const metropolis = samples(`${e.name.split(' ')[0]} metropolis`, size);
      const ratio = metropolis ? `${(d.samplesPerSecond / metropolis.samplesPerSecond).toFixed(1)}x` : '';
      return [`| ${e.name} | ${size} | ${d.tauSweeps.toFixed(2)} | ${d.samplesPerSecond.toFixed(0)} | ${ratio} |`];
    })),
    '',
  ];
}
