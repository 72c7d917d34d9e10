// Bad sweep input gets an InvalidOptionError naming the field, the value and what was expected.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, runSweep, type RunSweepOptions } from '../src/index.js';

const ok: RunSweepOptions = { sizes: [8], temperatures: [2.2], sweeps: 200 };

const BAD: [string, Partial<RunSweepOptions> | Record<string, unknown>, RegExp][] = [
  ['no sizes', { sizes: [] }, /Invalid option "sizes": expected a non-empty list of even integers from 2 to 32766, got \[\]/],
  ['sizes not a list', { sizes: 16 as never }, /"sizes": expected a non-empty list.*got 16/],
  ['odd size', { sizes: [8, 15] }, /Invalid option "sizes\[1\]": expected an even integer from 2 to 32766 \(the checkerboard update needs even L\), got 15/],
  ['size too large', { sizes: [65536] }, /"sizes\[0\]".*got 65536/],
  ['fractional size', { sizes: [8.5] }, /"sizes\[0\]".*got 8\.5/],
  ['repeated size', { sizes: [8, 16, 8] }, /Invalid option "sizes": expected distinct sizes \(8 appears twice\), got \[8,16,8\]/],
  ['empty temperature list', { temperatures: [] }, /Invalid option "temperatures": expected at least one temperature, got \[\]/],
  ['descending list', { temperatures: [2.4, 2.2] }, /"temperatures": expected strictly increasing temperatures.*but 2\.2 follows 2\.4, got \[2\.4,2\.2\]/],
  ['repeated temperature', { temperatures: [2.2, 2.2] }, /strictly increasing.*2\.2 follows 2\.2/],
  ['negative temperature', { temperatures: [-1, 2] }, /Invalid option "temperatures\[0\]": expected a number from 0\.000001 to 1000000 .*, got -1/],
  ['NaN temperature', { temperatures: [2, NaN] }, /"temperatures\[1\]".*got NaN/],
  ['descending range', { temperatures: { from: 2.6, to: 2.0, step: 0.1 } }, /Invalid option "temperatures\.to": expected a temperature >= from = 2\.6 \(ranges run upwards; the range 2\.6:2 is empty\), got 2/],
  ['zero step', { temperatures: { from: 2, to: 2.6, step: 0 } }, /Invalid option "temperatures\.step": expected a finite number > 0, got 0/],
  ['negative step', { temperatures: { from: 2, to: 2.6, step: -0.1 } }, /"temperatures\.step".*got -0\.1/],
  ['millions of points', { temperatures: { from: 2, to: 2.6, step: 1e-7 } }, /Invalid option "temperatures\.step": expected a step giving at most 10000 temperatures from 2 to 2\.6 \(this one gives 6000001\), got 1e-7/],
  ['range from zero', { temperatures: { from: 0, to: 2, step: 0.1 } }, /"temperatures\.from": expected a number from 0\.000001 to 1000000 .*, got 0/],
  ['range missing step', { temperatures: { from: 2, to: 3 } as never }, /"temperatures\.step".*got nothing/],
  ['temperatures a string', { temperatures: '2:3:0.1' as never }, /"temperatures": expected an increasing list of temperatures or a range \{ from, to, step \}, got "2:3:0\.1"/],
  ['per-size function returns junk', { temperatures: () => [] }, /Invalid option "temperatures\(8\)": expected at least one temperature/],
  ['too many points overall', { sizes: [4, 6, 8], temperatures: { from: 1, to: 5, step: 0.001 } }, /"temperatures": expected at most 10000 \(L, T\) points in one sweep, got "12003 points"/],
  ['sweeps too short for bins', { sweeps: 50 }, /Invalid option "sweeps": expected at least 100 recorded sweeps per point \(the error analysis cuts the series into bins.*got 50/],
  ['sweeps fractional', { sweeps: 1000.5 }, /"sweeps".*got 1000\.5/],
  ['thermalize negative', { thermalize: -1 }, /Invalid option "thermalize": expected an integer from 0 to 2147483647, got -1/],
  ['correlation interval too long', { sweeps: 1000, correlations: { every: 20 } }, /Invalid option "correlations\.every": expected at most 10 so that 1000 sweeps give at least 100 correlation samples per point, got 20/],
  ['correlations junk', { correlations: 'yes' as never }, /"correlations": expected true, false or \{ every: k \}, got "yes"/],
  ['bad field', { field: NaN }, /"field": expected a number from -1000000 to 1000000, got NaN/],
  ['bad algorithm', { algorithm: 'glauber' as never }, /"algorithm": expected one of "metropolis", "heat-bath", "wolff", "swendsen-wang", "hybrid", got "glauber"/],
  ['bad seed', { seed: -1 }, /"seed".*got -1/],
  ['bad start', { start: 'warm' as never }, /"start".*got "warm"/],
  ['warmStart not boolean', { warmStart: 'no' as never }, /"warmStart": expected true or false, got "no"/],
  ['onProgress not a function', { onProgress: 5 as never }, /"onProgress": expected a function, got 5/],
  ['signal not a signal', { signal: {} as never }, /"signal": expected an AbortSignal/],
  ['unknown option', { temperature: 2 }, /Invalid option "temperature": expected a known option \(unknown option "temperature"/],
];

describe('bad sweep options', () => {
  it.each(BAD)('%s', async (_label, bad, message) => {
    const error = await runSweep({ ...ok, ...bad } as RunSweepOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it('nothing runs when the options are bad', async () => {
    let progressed = false;
    const error = await runSweep({ sizes: [8, 9], temperatures: [2], sweeps: 200, onProgress: () => (progressed = true) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(progressed).toBe(false);
  });
});
