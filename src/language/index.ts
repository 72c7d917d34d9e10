/**
 * Language crystallization: phase transitions in symbol sequences, random grammars and language
 * models. Statistics of texts (statistics.ts), decay fits (fit.ts), generators (markov.ts,
 * grammar.ts, rlm.ts, adapter.ts), the Brown corpus (brown.ts) and the RG view of text (rg.ts).
 * See docs/language.md.
 */
export { analyzeText, logDistances, entropyBits, mutualInformationBits } from './statistics.js';
export type { AnalyzeOptions, TextAnalysis, Estimate } from './statistics.js';
export { fitDecay, significantPoints } from './fit.js';
export type { DecayFit, DistancePoint } from './fit.js';
export { toSymbolText, encodeTokens, TokenEncoder, symbolWidth, MAX_ALPHABET } from './text.js';
export type { SymbolText, TextInput } from './text.js';
export { fitMarkov, sampleMarkov, markovProbabilities, markovTable, exactChainStatistics } from './markov.js';
export type { MarkovModel, MarkovSampleOptions, EmittingChain } from './markov.js';
export { sampleTrees, treeTables, MAX_TREE_DEPTH } from './grammar.js';
export type { CnfGrammar, TreeSampleOptions } from './grammar.js';
export { createRlm, rlmOrderParameters, rlmSweep, rlmPointSeed, MAX_HIDDEN } from './rlm.js';
export type { RlmOptions, RandomLanguageModel, RlmOrderParameters, RlmSweepOptions, RlmSweepPoint } from './rlm.js';
export { sampleText, temperatureSweep } from './adapter.js';
export type { NextLogits, SampleTextOptions, SampledText, TemperatureSweepOptions, TemperaturePoint, TemperatureSweepResult } from './adapter.js';
export { softmaxAt } from './temperature.js';
export { loadBrown, universalTag, baseBrownTag, brownDirectory, BROWN_CATEGORIES, TAGSETS } from './brown.js';
export type { BrownOptions, BrownText, Tagset } from './brown.js';
export { coarseGrainText, mergeClasses, textRgFlow, TEXT_BLOCK_RULES } from './rg.js';
export type { TextBlockRule, TextRgOptions, TextRgLevel } from './rg.js';
export { createLanguageKernel, LANGUAGE_BACKENDS } from './engine.js';
export type { LanguageBackendChoice } from './engine.js';
