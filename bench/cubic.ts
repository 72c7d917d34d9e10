/**
 * `npm run bench:cubic`: the 3D Ising model on the simple cubic lattice next to the 2D kernels in the
 * same run, through the public API (`sim.sweep`), in equilibrium at the critical point of each
 * lattice (cubic beta_c = 0.221654626, square Onsager's T_c), with the same number of sites N
 * (cubic L^3 = square L'^2: L = 256 and L' = 4096 by default). Local kernels: update attempts (sites
 * visited) per ns; cluster kernels: cluster spins (sites moved, N x sweep equivalents) per ns, with
 * the mean Wolff cluster size <|C|>/N. Every figure is given per ns of wall time and per ns of the
 * process's CPU time (process.cpuUsage, every thread of the process): with other work on the machine
 * wall time also counts their time slices. Ratios are of the CPU figures, measured in this run, except
 * the workers' speed-up, which only wall time shows (their CPU time is the sum over threads).
 *
 * The workers' speed-up is also timed in ten interleaved rounds (one thread, then two workers, then
 * the other way round), whose median ratio is the figure for the target: on this shared 2-core
 * machine a load change between two rows timed seconds apart moved the rows' ratio from 1.3x to 1.7x.
 *
 * Warm-up: each lattice starts hot, then 200 packed Metropolis sweeps and Wolff clusters until 10 N
 * cluster spins moved bring it to equilibrium at T_c (the Wolff clusters equilibrate the long
 * wavelengths that Metropolis alone would take ~L^2 sweeps for); every engine of a lattice starts
 * from that lattice (snapshot / restore). Each engine is timed over batches of about 2^22 site
 * updates (at least one sweep; 200 Wolff clusters) for `--time` ms (default 2000). Wolff runs once more
 * at L = 64, where its cluster arrays stay in cache.
 *
 * Flags: --size 256 (cubic L, a multiple of 16; the square L' = sqrt(L^3) must be an even integer),
 * --time 2000. Writes bench/results-cubic.json, then bench/RESULTS.md from every JSON result.
 */
import os from 'node:os';
import { createSimulation, CRITICAL_TEMPERATURE, CUBIC_CRITICAL_BETA, loadInlinedCore } from '../src/index.js';
import type { Algorithm, Layout, Simulation, SimulationOptions } from '../src/index.js';
import { runEnvironment, writeResults } from './environment.js';
import { flag } from './node-args.js';

const L = Number(flag('size', '256'));
const time = Number(flag('time', '2000'));
const squareL = Math.round(Math.sqrt(L ** 3));
if (squareL * squareL !== L ** 3 || squareL % 2 !== 0) throw new Error(`--size ${L}: L^3 must be the square of an even integer`);
if (L % 16 !== 0) throw new Error(`--size ${L}: the packed kernel needs L a multiple of 16`);
const loadBefore = os.loadavg()[0];

interface Row {
  engine: string;
  unit: 'updates/ns' | 'cluster spins/ns';
  wall: number;
  cpu: number;
  fraction?: number;
  energy: number;
}

/** The equilibrium lattice of one geometry: hot start, 200 packed Metropolis sweeps, then Wolff clusters until 10 N spins moved. */
async function equilibrium(options: SimulationOptions): Promise<Simulation> {
  const local = await createSimulation({ ...options, algorithm: 'metropolis', backend: 'wasm', seed: 1 });
  local.sweep(200);
  const sim = await createSimulation({ ...options, algorithm: 'wolff', backend: 'wasm', seed: 1 });
  sim.restore(local.snapshot());
  local.dispose();
  const before = sim.sweepEquivalents;
  while (sim.sweepEquivalents - before < 10) sim.sweep(100);
  return sim;
}

interface Engine {
  engine: string;
  algorithm: Algorithm;
  backend: 'wasm' | 'js';
  layout?: Layout;
  workers?: number;
  scalar?: boolean;
}

async function timeEngine(e: Engine, options: SimulationOptions, from: Simulation): Promise<Row> {
  const sim = await createSimulation({
    ...options,
    algorithm: e.algorithm,
    backend: e.backend,
    layout: e.layout ?? 'byte',
    workers: e.workers ?? 1,
    seed: 2,
    ...(e.scalar ? { core: await loadInlinedCore('scalar') } : {}),
  });
  sim.restore({ ...from.snapshot(), rngState: sim.snapshot().rngState });
  const local = e.algorithm === 'metropolis' || e.algorithm === 'heat-bath';
  const steps = e.algorithm === 'wolff' ? 200 : Math.max(1, Math.round(2 ** 22 / sim.sites));
  sim.sweep(steps); // warm the engine up
  let work = 0;
  let wallMs = 0;
  let cpuUs = 0;
  const clustersBefore = sim.sweepEquivalents;
  let clusters = 0;
  while (wallMs < time) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = sim.sweep(steps);
    wallMs += performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    cpuUs += c1.user + c1.system;
    work += local ? steps * sim.sites : r.sweepEquivalents * sim.sites;
    clusters += steps;
  }
  const row: Row = { engine: e.engine, unit: local ? 'updates/ns' : 'cluster spins/ns', wall: work / (wallMs * 1e6), cpu: work / (cpuUs * 1e3), energy: sim.energy() };
  if (e.algorithm === 'wolff') row.fraction = (sim.sweepEquivalents - clustersBefore) / clusters;
  sim.dispose();
  return row;
}

const PACKED_SIMD = 'cubic Metropolis (packed, WebAssembly SIMD)';
const PACKED_WORKERS = 'cubic Metropolis (packed, WebAssembly SIMD, 2 workers)';
const PACKED_JS = 'cubic Metropolis (packed, JavaScript)';
const BYTE = 'cubic Metropolis (byte, WebAssembly SIMD build)';
const WOLFF = 'cubic Wolff (WebAssembly)';
const WOLFF_SMALL = 'cubic Wolff (WebAssembly), L = 64';
const SQUARE_PACKED = 'square Metropolis (packed, WebAssembly SIMD build)';
const SQUARE_BYTE = 'square Metropolis (byte, WebAssembly SIMD build)';

const cubic: SimulationOptions = { lattice: 'cubic', size: L, beta: CUBIC_CRITICAL_BETA };
const square: SimulationOptions = { size: squareL, temperature: CRITICAL_TEMPERATURE };
const cubicStart = await equilibrium(cubic);
const rows: Row[] = [];
const cubicEngines: Engine[] = [
  { engine: PACKED_SIMD, algorithm: 'metropolis', backend: 'wasm', layout: 'packed' },
  { engine: PACKED_WORKERS, algorithm: 'metropolis', backend: 'wasm', layout: 'packed', workers: 2 },
  { engine: 'cubic Metropolis (packed, WebAssembly scalar)', algorithm: 'metropolis', backend: 'wasm', layout: 'packed', scalar: true },
  { engine: PACKED_JS, algorithm: 'metropolis', backend: 'js', layout: 'packed' },
  { engine: BYTE, algorithm: 'metropolis', backend: 'wasm' },
  { engine: 'cubic heat bath (byte, WebAssembly)', algorithm: 'heat-bath', backend: 'wasm' },
  { engine: 'cubic Metropolis (byte, JavaScript)', algorithm: 'metropolis', backend: 'js' },
  { engine: WOLFF, algorithm: 'wolff', backend: 'wasm' },
  { engine: 'cubic Wolff (JavaScript)', algorithm: 'wolff', backend: 'js' },
  { engine: 'cubic Swendsen-Wang (WebAssembly)', algorithm: 'swendsen-wang', backend: 'wasm' },
];
for (const e of cubicEngines) rows.push(await timeEngine(e, cubic, cubicStart));

/**
 * The workers' speed-up, interleaved: one thread and two workers from the same lattice, timed in
 * alternating rounds of `round` ms (sweep(1) calls, as the rows above), so that a change of the
 * machine's load during the run falls on both sides of a round's ratio. Returns each round's ratio
 * of wall-clock throughputs (2 workers / 1 thread).
 */
async function interleavedSpeedup(rounds: number, round: number): Promise<number[]> {
  const make = async (workers: number) => {
    const sim = await createSimulation({ ...cubic, algorithm: 'metropolis', backend: 'wasm', layout: 'packed', workers, seed: 2 });
    sim.restore({ ...cubicStart.snapshot(), rngState: sim.snapshot().rngState });
    sim.sweep(2);
    return sim;
  };
  const one = await make(1);
  const two = await make(2);
  const rate = (sim: Simulation) => {
    let sweeps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < round) {
      sim.sweep(1);
      sweeps++;
    }
    return (sweeps * sim.sites) / ((performance.now() - t0) * 1e6);
  };
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // alternate which goes first, so neither always follows the other
    let single: number, pair: number;
    if (r % 2 === 0) {
      single = rate(one);
      pair = rate(two);
    } else {
      pair = rate(two);
      single = rate(one);
    }
    out.push(pair / single);
  }
  one.dispose();
  two.dispose();
  return out;
}
const speedups = await interleavedSpeedup(10, Math.max(200, time / 4));
const sortedSpeedups = [...speedups].sort((a, b) => a - b);
const medianSpeedup = (sortedSpeedups[4] + sortedSpeedups[5]) / 2;
console.log(`2 workers / 1 thread, interleaved rounds: ${speedups.map((s) => s.toFixed(2)).join(' ')} (median ${medianSpeedup.toFixed(3)})`);
cubicStart.dispose();
// Wolff on a lattice whose cluster arrays stay in cache (about 2.4 MB at L = 64), for comparison with L
const smallL = 64;
const small: SimulationOptions = { lattice: 'cubic', size: smallL, beta: CUBIC_CRITICAL_BETA };
const smallStart = await equilibrium(small);
rows.push({ ...(await timeEngine({ engine: WOLFF, algorithm: 'wolff', backend: 'wasm' }, small, smallStart)), engine: WOLFF_SMALL });
smallStart.dispose();
const squareStart = await equilibrium(square);
const squareEngines: Engine[] = [
  { engine: SQUARE_BYTE, algorithm: 'metropolis', backend: 'wasm' },
  { engine: SQUARE_PACKED, algorithm: 'metropolis', backend: 'wasm', layout: 'packed' },
  { engine: 'square Wolff (WebAssembly)', algorithm: 'wolff', backend: 'wasm' },
  { engine: 'square Swendsen-Wang (WebAssembly)', algorithm: 'swendsen-wang', backend: 'wasm' },
];
for (const e of squareEngines) rows.push(await timeEngine(e, square, squareStart));
// the packed kernels once more, after the rest: the two measurements of each bound the drift of the machine's load
const again = await equilibrium(cubic);
rows.push({ ...(await timeEngine({ engine: PACKED_SIMD, algorithm: 'metropolis', backend: 'wasm', layout: 'packed' }, cubic, again)), engine: `${PACKED_SIMD}, again` });
again.dispose();
rows.push({ ...(await timeEngine({ engine: SQUARE_PACKED, algorithm: 'metropolis', backend: 'wasm', layout: 'packed' }, square, squareStart)), engine: `${SQUARE_PACKED}, again` });
squareStart.dispose();

const row = (engine: string) => rows.find((r) => r.engine === engine)!;
const cpu = (engine: string) => row(engine).cpu;
const bestCpu = (engine: string) => Math.max(cpu(engine), cpu(`${engine}, again`));
const ratios: [string, number][] = [
  ['cubic packed Metropolis / square packed Metropolis (each the better of its two runs)', bestCpu(PACKED_SIMD) / bestCpu(SQUARE_PACKED)],
  ['cubic packed Metropolis / square packed Metropolis (first runs)', cpu(PACKED_SIMD) / cpu(SQUARE_PACKED)],
  ['cubic packed Metropolis / cubic byte Metropolis', cpu(PACKED_SIMD) / cpu(BYTE)],
  ['cubic packed Metropolis, 2 workers / 1 thread (wall time)', row(PACKED_WORKERS).wall / row(PACKED_SIMD).wall],
  ['cubic packed Metropolis, 2 workers / 1 thread, updates per CPU ns (parallel efficiency)', cpu(PACKED_WORKERS) / cpu(PACKED_SIMD)],
  ['cubic packed Metropolis: JavaScript / WebAssembly SIMD', cpu(PACKED_JS) / cpu(PACKED_SIMD)],
  ['cubic byte Metropolis / square byte Metropolis', cpu(BYTE) / cpu(SQUARE_BYTE)],
  ['cubic Wolff / square Wolff', cpu(WOLFF) / cpu('square Wolff (WebAssembly)')],
];
const targets: [string, string, number, number, string][] = [
  // what, unit, target, measured, how
  ['packed 3D Metropolis, WebAssembly SIMD, one thread', 'updates/ns', 4, bestCpu(PACKED_SIMD), 'CPU, better of two runs'],
  ['packed 3D / packed 2D, same run', 'x', 0.7, ratios[0][1], 'CPU, better of two runs each'],
  ['packed 3D Metropolis, JavaScript twin', 'updates/ns', 0.5, cpu(PACKED_JS), 'CPU'],
  ['packed 3D, 2 workers / 1 thread', 'x', 1.7, medianSpeedup, `wall, median of ${speedups.length} interleaved rounds (${sortedSpeedups[0].toFixed(2)} to ${sortedSpeedups[speedups.length - 1].toFixed(2)})`],
  ['packed 3D, 2 workers / 1 thread, rows above', 'x', 1.7, ratios[3][1], 'wall, the two rows timed one after the other (a load change between them moves it)'],
  ['packed 3D, 2 workers: 2 x parallel efficiency', 'x', 1.7, 2 * ratios[4][1], 'CPU: the speed-up on two idle cores if no worker waits at a barrier (an upper bound)'],
  [`Wolff 3D at beta_c, L = ${L}`, 'cluster spins/ns', 0.03, cpu(WOLFF), 'CPU'],
  [`Wolff 3D at beta_c, L = ${smallL}`, 'cluster spins/ns', 0.03, cpu(WOLFF_SMALL), 'CPU'],
];
const environment = runEnvironment(loadBefore);
const lines = [
  '## 3D Ising model (simple cubic lattice)',
  '',
  `Written by \`npm run bench:cubic\` (bench/cubic.ts): the cubic kernels at beta_c = ${CUBIC_CRITICAL_BETA}, L = ${L} (N = ${L ** 3}),`,
  `next to the square ones at Onsager's T_c, L = ${squareL} (the same N), in the same run, through the public API in`,
  'equilibrium (hot start, 200 packed Metropolis sweeps, Wolff clusters until 10 N cluster spins; every engine of a lattice',
  'from that lattice). Local rows: update attempts per ns; cluster rows: cluster spins (sites moved) per ns. Wall time and',
  "the process's CPU time (all its threads); ratios of the CPU figures, except the workers' speed-up (wall time). The packed",
  'kernels run twice, first and last, to bound the drift of the load of this shared machine.',
  '',
  ...Object.entries(environment).map(([k, v]) => `- ${k}: ${v}`),
  '',
  "| issue 12's target | measured | target | met | how |",
  '|---|---:|---:|---|---|',
  ...targets.map(([what, unit, target, measured, how]) => `| ${what} | ${measured.toFixed(3)} ${unit} | >= ${target} | ${measured >= target ? 'yes' : 'no'} | ${how} |`),
  '',
  '| engine | wall | CPU | unit | <\\|C\\|>/N | e |',
  '|---|---:|---:|---|---:|---:|',
  ...rows.map((r) => `| ${r.engine} | ${r.wall.toFixed(4)} | ${r.cpu.toFixed(4)} | ${r.unit} | ${r.fraction === undefined ? '' : r.fraction.toFixed(4)} | ${r.energy.toFixed(4)} |`),
  '',
  '| ratio (same run) | value |',
  '|---|---:|',
  ...ratios.map(([what, v]) => `| ${what} | ${v.toFixed(3)} |`),
  '',
];
console.log(lines.join('\n'));
writeResults('results-cubic.json', { lines });
