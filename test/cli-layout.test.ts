// The command line's --layout and --workers: two workers print the same numbers as one thread,
// the byte layout is selectable, and bad values are rejected naming the flag.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('criticality run --layout / --workers', () => {
  it('--workers 2 prints what one thread prints; --layout byte runs the byte kernel', async () => {
    const args = ['run', '--size', '32', '--sweeps', '400', '--thermalize', '50', '--seed', '4', '--format', 'json'];
    const one = await cli(...args, '--layout', 'packed');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).observables).toEqual(JSON.parse(one.stdout).observables);
    const byte = await cli(...args, '--layout', 'byte');
    expect(byte.code).toBe(0);
    expect(JSON.parse(byte.stdout).observables.energy.mean).not.toBe(JSON.parse(one.stdout).observables.energy.mean);
  });

  it.each([
    [['--layout', 'bits'], /Invalid option "--layout": expected one of auto, packed, byte, got "bits"/],
    [['--size', '30', '--layout', 'packed'], /Invalid option "--size": expected a multiple of 16 from 16 to 32752 for layout "packed"/],
    [['--workers', 'two'], /Invalid option "--workers": expected an integer from 1 to 64, got "two"/],
    [['--workers', '0'], /Invalid option "--workers": expected an integer from 1 to 64, got 0/],
  ])('%j is rejected', async (flags, message) => {
    const { code, stderr } = await cli('run', ...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
