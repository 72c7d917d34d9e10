/**
 * Sampling at a temperature: p_j = exp(l_j / T) / sum_k exp(l_k / T) for logits l (computed as
 * exp((l_j - max l) / T), so no overflow), and the greedy limit T = 0: all the weight on the first
 * largest logit. This is the only floating-point step of every sampler (JavaScript's Math.exp, in one
 * place): the result becomes u32 thresholds ({@link thresholdsOf}) that both kernels compare as
 * integers, so the two backends draw the same symbols bit for bit.
 */
import { thresholdsOf } from './kernel.js';

/** Probabilities of `logits` at temperature T >= 0 (T = 0: greedy, ties to the first). */
export function softmaxAt(logits: ArrayLike<number>, temperature: number): Float64Array {
  const k = logits.length;
  const p = new Float64Array(k);
  let max = -Infinity;
  let argmax = 0;
  for (let j = 0; j < k; j++) {
    if (logits[j] > max) {
      max = logits[j];
      argmax = j;
    }
  }
  if (temperature === 0 || max === Infinity) {
    p[argmax] = 1;
    return p;
  }
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const w = logits[j] === -Infinity ? 0 : Math.exp((logits[j] - max) / temperature);
    p[j] = w;
    sum += w;
  }
  for (let j = 0; j < k; j++) p[j] /= sum;
  return p;
}

/** u32 thresholds of softmax(logits / T), written at `offset` of `out`. */
export function temperatureThresholds(logits: ArrayLike<number>, temperature: number, out?: Uint32Array, offset = 0): Uint32Array {
  return thresholdsOf(softmaxAt(logits, temperature), out ?? new Uint32Array(logits.length), offset);
}
