/** The "Multicanonical" section of bench/RESULTS.md (bench/multicanonical.ts writes it into bench/results-multicanonical.json). */

export interface MulticanonicalReport {
  environment: Record<string, string | number>;
  q: number;
  size: number;
  /** The tuned window of bond counts. */
  window: [number, number];
  tuningSweeps: number;
  rows: { engine: string; sweeps: number; perNsWall: number; perNsCpu: number; acceptance?: number; tunnelings?: number }[];
  loadAtEnd: number;
}

export function multicanonicalSection(report: MulticanonicalReport | undefined): string[] {
  if (!report) return [];
  const e = report.environment;
  const wasm = report.rows[0].perNsCpu;
  return [
    `## Multicanonical Potts sweeps (q = ${report.q}, L = ${report.size})`,
    '',
    'Written by `npm run bench:multicanonical` (bench/multicanonical.ts): weights tuned once by `multicanonical()`',
    `(window b = ${report.window[0]} .. ${report.window[1]}, ${report.tuningSweeps} Wang-Landau sweeps), then the frozen-weight production of`,
    '`multicanonical({ weights })` through the public API per engine (given weights: no window runs, no tuning; its analysis included), next to canonical',
    'Potts sweeps of the same lattice at T_c in the same run. Update attempts (sites visited) per ns on one thread.',
    `Node ${e.runtime}, ${e.cpu}, ${e.cores} cores, commit ${e.commit}, ${e.date}; load average (1 min) ${e['load average (1 min) at start']} at start, ${report.loadAtEnd.toFixed(2)} at end.`,
    '',
    '| engine | sweeps | updates/ns (CPU) | updates/ns (wall) | vs wasm multicanonical | acceptance | tunnellings |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.rows.map(
      (r) =>
        `| ${r.engine} | ${r.sweeps} | ${r.perNsCpu.toFixed(3)} | ${r.perNsWall.toFixed(3)} | ${(r.perNsCpu / wasm).toFixed(2)}x | ${r.acceptance?.toFixed(3) ?? '-'} | ${r.tunnelings ?? '-'} |`,
    ),
    '',
    'The multicanonical update is a scalar typewriter Metropolis with a weight lookup and, on rejection-prone moves, the',
    'deterministic exp of src/multicanonical/exp.ts; the canonical kernels use SIMD lanes and precomputed thresholds.',
    '',
  ];
}
