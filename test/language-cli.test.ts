// `criticality language ...`: analyze a file of integers or tokens (JSON with correlation and
// mutualInformation as arrays of { r, value, error }, entropyRate and the fit), the Brown corpus, a
// Markov model, an RLM grammar and the RLM sweep; bad flags exit with code 2 and name the flag.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectRejected } from './helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'criticality-language-'));
  // a period-3 text with noise: 0 1 2 0 1 2 ... one symbol per line
  let state = 7;
  const lines = Array.from({ length: 3000 }, (_, i) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return String(state % 10 === 0 ? 3 : i % 3);
  });
  await writeFile(join(dir, 'ints.txt'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'words.txt'), 'the cat sat on the mat\nthe dog sat on the log\n'.repeat(50));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('criticality language', () => {
  it('analyze FILE --format json', async () => {
    const r = await cli('language', 'analyze', join(dir, 'ints.txt'), '--max-distance', '30', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.length).toBe(3000);
    expect(out.alphabetSize).toBe(4);
    expect(out.correlation).toHaveLength(30);
    expect(Object.keys(out.correlation[0]).sort()).toEqual(['error', 'r', 'value']);
    expect(out.correlation[2].value).toBeGreaterThan(0.4); // period 3
    expect(out.mutualInformation[0]).toMatchObject({ r: 1 });
    expect(out.entropyRate.value).toBeGreaterThan(0);
    expect(out.correlationFit.winner).toMatch(/power-law|exponential|undetermined/);
  });

  it('analyze --tokens prints a table', async () => {
    const r = await cli('language', 'analyze', join(dir, 'words.txt'), '--tokens', '--max-distance', '20');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/n=600 {2}K=7/);
    expect(r.stdout).toMatch(/entropy rate h_\d/);
  });

  it('corpus brown, markov, rlm, sweep, rg', async () => {
    const brown = await cli('language', 'corpus', 'brown', '--pos', '--categories', 'a', '--max-distance', '50', '--format', 'json');
    expect(brown.code).toBe(0);
    const b = JSON.parse(brown.stdout);
    expect(b.files).toBe(44);
    expect(b.labels).toContain('NOUN');
    const markov = await cli('language', 'markov', '--corpus', join(dir, 'words.txt'), '--tokens', '--temperatures', '0,1', '--length', '2000', '--max-distance', '20');
    expect(markov.code).toBe(0);
    expect(markov.stdout).toMatch(/T=0: cat sat on the cat sat on the/);
    const rlm = await cli('language', 'rlm', '--hidden', '6', '--observable', '4', '--epsilon', '0.05', '--depth', '6', '--sentences', '50', '--max-distance', '20', '--format', 'json');
    expect(rlm.code).toBe(0);
    const g = JSON.parse(rlm.stdout);
    expect(g.length).toBe(50 * 64);
    expect(g.x).toBeCloseTo(0.05 * Math.log(6), 12);
    expect(g.orderParameters.ruleEntropy).toBeLessThan(1);
    const sweep = await cli('language', 'sweep', '--hidden', '4,8', '--x', '0.5,2', '--grammars', '2', '--format', 'json');
    expect(JSON.parse(sweep.stdout).points).toHaveLength(4);
    const rg = await cli('language', 'rg', join(dir, 'ints.txt'), '--levels', '2', '--max-distance', '40');
    expect(rg.code).toBe(0);
    expect(rg.stdout).toMatch(/level 2 {2}scale 4/);
  });

  it('bad flags name the flag', async () => {
    await expectRejected(['language', 'analyze', join(dir, 'ints.txt'), '--max-distance', '3000'], /"--max-distance": expected an integer from 1 to 2999 \(below the text length 3000\), got 3000/);
    await expectRejected(['language', 'analyze', join(dir, 'missing.txt')], /"FILE": expected a readable file/);
    await expectRejected(['language', 'analyze', join(dir, 'ints.txt'), '--maxdist', '3'], /unknown flag/);
    await expectRejected(['language', 'rlm', '--hidden', '4', '--observable', '2', '--epsilon', '-1'], /"--epsilon": expected a number > 0/);
    await expectRejected(['language', 'markov', '--temperatures', '1,-0.5'], /"--temperatures": expected a finite number >= 0, got -0.5/);
    await expectRejected(['language', 'translate'], /"language command": expected one of analyze/);
  });
});
