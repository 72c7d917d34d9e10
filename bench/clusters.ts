/**
 * Cluster-algorithm benchmarks (no Node APIs: runs in Node and in browsers).
 *
 * 1. Cluster throughput: cluster spins per nanosecond at Tc from a cold start (all spins up), where
 *    cluster spins = sweep equivalents x N (Wolff: flipped spins; Swendsen-Wang: N per update; see
 *    src/cluster/step.ts). Metropolis runs alongside as a reference (update attempts per ns).
 *    tinybench times batches; the work of the measured phase (warm-up excluded) is summed and
 *    divided by the summed batch times.
 * 2. Decorrelated samples per second at Tc: recorded steps / (2 tau_int) / seconds, with tau_int
 *    the larger of tau_int(|m|) and tau_int(e) in steps (src/cluster/dynamics.ts), against Metropolis
 *    measured in the same run.
 */
import { Bench } from 'tinybench';
import { createSimulation, criticalSlowingDown, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { Algorithm, BackendName, DynamicsPoint } from '../src/index.js';

export interface ClusterThroughput {
  engine: string;
  size: number;
  /** Cluster spins (sweep equivalents x N) per nanosecond in the measured phase. */
  spinsPerNs: number;
  /** Relative margin of error of the batch time (%), from tinybench. */
  rme: number;
  samples: number;
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
  decorrelation: Decorrelation[];
}

export interface ClusterSuiteOptions {
  /** Sizes of the throughput runs. */
  sizes: number[];
  /** Sizes of the decorrelation runs. */
  decorrelationSizes: number[];
  /** Time budget per throughput task in ms. */
  time: number;
  log?: (line: string) => void;
}

interface ClusterEngine {
  name: string;
  backend: BackendName;
  algorithm: Algorithm;
}

export const CLUSTER_ENGINES: ClusterEngine[] = [
  { name: 'wasm wolff', backend: 'wasm', algorithm: 'wolff' },
  { name: 'js wolff', backend: 'js', algorithm: 'wolff' },
  { name: 'wasm swendsen-wang', backend: 'wasm', algorithm: 'swendsen-wang' },
  { name: 'js swendsen-wang', backend: 'js', algorithm: 'swendsen-wang' },
  // the default Metropolis of each backend: the packed kernel (layout 'auto')
  { name: 'wasm metropolis', backend: 'wasm', algorithm: 'metropolis' },
  { name: 'js metropolis', backend: 'js', algorithm: 'metropolis' },
];

/** Steps per timed batch of a sweep-like algorithm: about 2^22 site updates. */
function batchSteps(size: number): number {
  return Math.max(1, Math.round(2 ** 22 / (size * size)));
}

/**
 * One timed batch: Wolff steps until at least 2^22 cluster spins have flipped (cluster sizes at Tc
 * vary over orders of magnitude, so a fixed number of steps would make batches of very different
 * work); other algorithms a fixed number of steps. Returns the work in sweep equivalents.
 */
function batch(sim: Awaited<ReturnType<typeof createSimulation>>, engine: ClusterEngine, size: number): number {
  if (engine.algorithm !== 'wolff') return sim.sweep(batchSteps(size)).sweepEquivalents;
  const target = 2 ** 22 / (size * size);
  let work = 0;
  while (work < target) work += sim.sweep(1).sweepEquivalents;
  return work;
}

async function throughput(options: ClusterSuiteOptions, log: (line: string) => void): Promise<ClusterThroughput[]> {
  const out: ClusterThroughput[] = [];
  for (const size of options.sizes) {
    for (const engine of CLUSTER_ENGINES) {
      const sim = await createSimulation({ size, backend: engine.backend, algorithm: engine.algorithm, temperature: CRITICAL_TEMPERATURE, seed: 1, start: 'cold' });
      let work = 0;
      const bench = new Bench({ time: options.time, warmupTime: Math.min(500, options.time / 3), iterations: 2, warmupIterations: 1 });
      bench.add(engine.name, () => {
        work += batch(sim, engine, size);
      }, { beforeAll: () => { work = 0; } });
      await bench.run();
      const r = bench.tasks[0].result;
      if (r.state !== 'completed') throw new Error(`benchmark ${engine.name} L=${size} ${r.state}`);
      const result = { engine: engine.name, size, spinsPerNs: (work * size * size) / (r.totalTime * 1e6), rme: r.latency.rme, samples: r.latency.df + 1 };
      out.push(result);
      log(`${engine.name.padEnd(22)} L=${String(size).padStart(5)}  ${result.spinsPerNs.toFixed(4)} cluster spins/ns  (+-${result.rme.toFixed(1)}%, ${result.samples} batches)`);
      sim.dispose();
    }
  }
  return out;
}

async function decorrelation(options: ClusterSuiteOptions, log: (line: string) => void): Promise<Decorrelation[]> {
  const out: Decorrelation[] = [];
  for (const size of options.decorrelationSizes) {
    for (const engine of CLUSTER_ENGINES) {
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
  return { throughput: await throughput(options, log), decorrelation: await decorrelation(options, log) };
}

/** The RESULTS.md section of the cluster suite. */
/** The parts of the options the report needs (no functions: it is stored as JSON). */
export function clusterOptionsForReport(options: ClusterSuiteOptions): Pick<ClusterSuiteOptions, 'sizes' | 'decorrelationSizes' | 'time'> {
  return { sizes: options.sizes, decorrelationSizes: options.decorrelationSizes, time: options.time };
}

export function clusterSection(r: ClusterSuiteResult, options: Pick<ClusterSuiteOptions, 'sizes' | 'decorrelationSizes'>): string[] {
  const { sizes, decorrelationSizes } = options;
  const cell = (engine: string, size: number) => {
    const t = r.throughput.find((x) => x.engine === engine && x.size === size);
    return t ? `${t.spinsPerNs.toFixed(4)} (+-${t.rme.toFixed(1)}%, ${t.samples})` : '';
  };
  const samples = (engine: string, size: number) => r.decorrelation.find((x) => x.engine === engine && x.size === size);
  return [
    '## Cluster algorithms: throughput (cluster spins/ns)',
    '',
    'T = Tc, h = 0, cold start (all spins up; the warm-up lets the lattice relax, larger lattices only',
    'partly). Cluster spins = sweep equivalents x N: flipped spins for Wolff, N per Swendsen-Wang update;',
    'Metropolis (the default, packed kernel) counts update attempts. In brackets: margin of error of the batch time, batches timed.',
    '',
    `| engine | ${sizes.map((s) => `L = ${s}`).join(' | ')} |`,
    `|---|${sizes.map(() => '---:').join('|')}|`,
    ...CLUSTER_ENGINES.map((e) => `| ${e.name} | ${sizes.map((s) => cell(e.name, s)).join(' | ')} |`),
    '',
    '## Cluster algorithms: decorrelated samples per second',
    '',
    'T = Tc, h = 0, hot start; tau = max(tau_int(|m|), tau_int(e)) (Sokal window); samples/s = steps / (2 tau) / s;',
    'ratio against Metropolis on the same backend, same run.',
    '',
    '| engine | L | tau (sweeps) | samples/s | vs Metropolis |',
    '|---|---:|---:|---:|---:|',
    ...decorrelationSizes.flatMap((size) => CLUSTER_ENGINES.flatMap((e) => {
      const d = samples(e.name, size);
      if (!d) return []; // an engine this run did not measure
      const metropolis = samples(`${e.name.split(' ')[0]} metropolis`, size);
      const ratio = metropolis ? `${(d.samplesPerSecond / metropolis.samplesPerSecond).toFixed(1)}x` : '';
      return [`| ${e.name} | ${size} | ${d.tauSweeps.toFixed(2)} | ${d.samplesPerSecond.toFixed(0)} | ${ratio} |`];
    })),
    '',
  ];
}
