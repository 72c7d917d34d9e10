/** Test helper: runs the CLI in-process and collects its exit code, stdout and stderr. */
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Asserts that the CLI rejects `argv` with exit code 2, nothing on stdout and one line on stderr matching `message`. */
export async function expectRejected(argv: string[], message: RegExp): Promise<void> {
  const r = await cli(...argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}
