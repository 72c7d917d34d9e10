/**
 * Pattern entropy per scale: the Shannon entropy of the b x b block configurations of each
 * level, pooled over the run,
 *
 *   S_k = - sum_c p_c ln p_c   (nats per block),   p_c = n_c / sum_c' n_c',
 *
 * over the 2^(b^2) configurations c of the blocks that level k is cut into (levels 0..K-1), and
 * S_k / b^2 per spin (on the cubic lattice the 2^(b^3) configurations of b x b x b blocks, b = 2,
 * and S_k / b^3 per spin) (ln 2 = 0.693 for independent spins, 0 for a frozen, uniform lattice).
 * As T drops through Tc, order "crystallises" first on large scales: S_k falls with k below Tc,
 * rises with k towards b^2 ln 2 above Tc, and stays nearly level at Tc.
 * The plug-in estimate is biased low by about (number of configurations seen - 1) / (2 n_blocks);
 * the error is the leave-one-bin-out jackknife over the bins of the run.
 */
import type { Observable } from '../measure.js';
import { jackknife } from '../stats/index.js';
import type { RgSamples } from './sample.js';

/** Entropy of the block configurations of one level. */
export interface PatternEntropy {
  /** Level k whose b x b blocks are counted (they make the spins of level k + 1). */
  level: number;
  /** S_k in nats per block. */
  perBlock: Observable;
  /** S_k / b^2 in nats per spin. */
  perSpin: Observable;
  /** Configurations seen at least once (of 2^(b^2)). */
  patternsSeen: number;
}

function entropy(p: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s -= (p[i] / total) * Math.log(p[i] / total);
  return s;
}

/** Pattern entropy of levels 0..K-1 with errors over bins of `binSize` samples (a multiple of the chunk); undefined without pattern counts. */
export function analyzeEntropy(s: RgSamples, binSize: number): PatternEntropy[] | undefined {
  const patterns = s.patterns;
  if (!patterns) return undefined;
  const { perLevel, chunk, chunks, counts } = patterns;
  const levels = s.block.levels;
  const chunksPerBin = binSize / chunk;
  const bins = Math.floor(s.samples / binSize);
  const cells = s.block.blockSize ** s.block.dimension;
  const result: PatternEntropy[] = [];
  for (let k = 0; k < levels; k++) {
    const pooled = new Float64Array(perLevel);
    const binned = Array.from({ length: perLevel }, () => new Float64Array(bins));
    for (let c = 0; c < chunks; c++) {
      const base = (c * levels + k) * perLevel;
      const bin = Math.floor(c / chunksPerBin);
      for (let code = 0; code < perLevel; code++) {
        pooled[code] += counts[base + code];
        if (bin < bins) binned[code][bin] += counts[base + code];
      }
    }
    const value = entropy(pooled);
    const jk = jackknife(binned, (means) => entropy(means));
    result.push({
      level: k,
      perBlock: { mean: value, error: jk.error },
      perSpin: { mean: value / cells, error: jk.error / cells },
      patternsSeen: pooled.filter((n) => n > 0).length,
    });
  }
  return result;
}
