// Shared by the block-spin parity tests: everything a block-spin kernel reports for one build.
import { RG_OPERATORS, type BlockRule, type BlockSpinKernel } from '../../src/backend/rg-types.js';

/** Builds the pyramid with `rule` and returns the ties, operator sums, pattern counts, RG-stream state and every level. */
export function buildAndRead(k: BlockSpinKernel, rule: BlockRule, levels: number, perLevel: number) {
  const ties = k.build(rule);
  const ops = new Float64Array((levels + 1) * RG_OPERATORS);
  k.measure(ops);
  const patterns = new Uint32Array(levels * perLevel);
  k.readPatterns(patterns);
  return { ties, ops, patterns, rng: k.getRngState(), lattices: Array.from({ length: levels + 1 }, (_, l) => k.readLevel(l)) };
}
