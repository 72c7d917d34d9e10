/**
 * The language page's worker: samples texts (an order-2 Markov model of the Brown corpus parts of
 * speech at temperature T, or a Random Language Model grammar at x = eps_d ln N), analyses them
 * with the WebAssembly kernels (C(r), I(r), entropy rate, decay fit) and computes the entropy
 * curves, off the main thread.
 */
import { analyzeText, createRlm, rlmOrderParameters, rlmSweep, sampleMarkov, sampleTrees, type MarkovModel, type TextAnalysis } from 'criticality';
import { LANGUAGE_DATA as data } from './language-data.js';
import type { LanguageRequest, LanguageResponse, Point } from './language-protocol.js';

const scope = globalThis as unknown as { postMessage(message: LanguageResponse): void; onmessage: ((event: MessageEvent<LanguageRequest>) => void) | null };

const model: MarkovModel = {
  order: data.markov.order,
  alphabetSize: data.markov.alphabetSize,
  labels: data.labels,
  start: data.markov.start,
  rows: Int32Array.from(data.markov.rows),
  symbols: Int32Array.from(data.markov.symbols),
  counts: Float64Array.from(data.markov.counts),
  next: Int32Array.from(data.markov.next),
};

const points = (list: { r: number; value: number; error: number }[]): Point[] => list.map((p) => [p.r, p.value, p.error]);

function verdict(a: TextAnalysis): string {
  const f = a.mutualInformationFit ?? a.correlationFit;
  if (f.winner === 'undetermined') return 'I(r): no significant correlations beyond r = 1';
  return f.winner === 'power-law'
    ? `I(r) decays as a power law r^-${f.powerLaw.exponent.toFixed(2)} ± ${f.powerLaw.error.toFixed(2)} (ΔAIC ${f.deltaAic.toFixed(0)})`
    : `I(r) decays exponentially, ξ = ${f.exponential.length.toFixed(2)} ± ${f.exponential.error.toFixed(2)} (ΔAIC ${(-f.deltaAic).toFixed(0)})`;
}

async function handle(request: LanguageRequest): Promise<LanguageResponse> {
  switch (request.kind) {
    case 'markov': {
      const text = await sampleMarkov(model, { temperature: request.temperature, length: request.length, seed: request.seed });
      const a = await analyzeText(text, { maxDistance: 200, blocks: 10 });
      return { id: request.id, kind: 'text', backend: a.backend, words: Array.from(text.symbols.subarray(0, 80), (s) => data.labels[s]), correlation: points(a.correlation), mutualInformation: points(a.mutualInformation), entropyRate: [a.entropyRate.value, a.entropyRate.error], verdict: verdict(a) };
    }
    case 'rlm': {
      const grammar = createRlm({ hidden: request.hidden, observable: 12, epsilon: request.x / Math.log(request.hidden), seed: request.seed });
      const text = await sampleTrees(grammar, { depth: request.depth, sentences: request.sentences, seed: request.seed });
      const a = await analyzeText(text, { maxDistance: 200, blocks: 10 });
      const o = rlmOrderParameters(grammar);
      return {
        id: request.id, kind: 'text', backend: a.backend, words: Array.from(text.symbols.subarray(0, 80), (s) => String.fromCharCode(97 + s)),
        correlation: points(a.correlation), mutualInformation: points(a.mutualInformation), entropyRate: [a.entropyRate.value, a.entropyRate.error], verdict: verdict(a),
        orders: { ruleEntropy: o.ruleEntropy, childEntropy: o.childEntropy, participation: o.participation },
      };
    }
    case 'markov-entropy': {
      const out: Point[] = [];
      for (const temperature of request.temperatures) {
        const text = await sampleMarkov(model, { temperature, length: request.length, seed: request.seed });
        const a = await analyzeText(text, { maxDistance: 4, blocks: 10, mutualInformation: false });
        out.push([temperature, a.entropyRate.value, a.entropyRate.error]);
      }
      return { id: request.id, kind: 'curve', points: out, label: 'entropy rate h (bits/symbol)' };
    }
    case 'rlm-entropy': {
      const sweep = rlmSweep({ hidden: [request.hidden], x: request.x, grammars: request.grammars, seed: request.seed });
      return { id: request.id, kind: 'curve', points: sweep.map((p) => [p.x, p.mean.ruleEntropy, p.error.ruleEntropy]), label: 'rule entropy H / ln N²' };
    }
  }
}

scope.onmessage = (event) => {
  handle(event.data).then(scope.postMessage, (error: unknown) => scope.postMessage({ id: event.data.id, kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
};
