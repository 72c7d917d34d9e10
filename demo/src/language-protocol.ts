/** Messages between the "Language crystallization" page (language.ts) and its worker (language.worker.ts). */

export type LanguageRequest =
  | { id: number; kind: 'markov'; temperature: number; length: number; seed: number }
  | { id: number; kind: 'rlm'; hidden: number; x: number; depth: number; sentences: number; seed: number }
  | { id: number; kind: 'markov-entropy'; temperatures: number[]; length: number; seed: number }
  | { id: number; kind: 'rlm-entropy'; hidden: number; x: number[]; grammars: number; seed: number };

/** [r, value, error] */
export type Point = [number, number, number];

export interface TextResult {
  id: number;
  kind: 'text';
  backend: string;
  words: string[];
  correlation: Point[];
  mutualInformation: Point[];
  entropyRate: [number, number];
  verdict: string;
  /** Order parameters of the RLM grammar (rlm only). */
  orders?: { ruleEntropy: number; childEntropy: number; participation: number };
}

export interface CurveResult {
  id: number;
  kind: 'curve';
  /** x values (T or x = eps_d ln N) and y +- error. */
  points: Point[];
  label: string;
}

export type LanguageResponse = TextResult | CurveResult | { id: number; kind: 'error'; message: string };
