/**
 * The native reference of the cluster benchmarks (Node only): compiles bench/native/clusters.c with
 * gcc -O3 -march=native (or $CC) into a cache directory keyed by the source and compiler, and
 * starts one process per engine on a lattice and generator state handed over by bench/clusters.ts,
 * which then asks it for timed batches between the other engines' batches. Without a C compiler it says why
 * and the benchmark prints a skip line instead of native ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeRequest, NativeRunner, NativeSession } from '../clusters.js';

const SOURCE = fileURLToPath(new URL('./clusters.c', import.meta.url));
const FLAGS = ['-O3', '-march=native'];

/** Compiles the reference once per source and compiler; returns a runner, or why there is none. */
export function nativeClusters(): NativeRunner | { skipped: string } {
  const source = readFileSync(SOURCE);
  const candidates = process.env.CC ? [process.env.CC] : ['gcc', 'cc'];
  for (const cc of candidates) {
    const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) continue;
    const firstLine = version.stdout.split('\n')[0].trim();
    const key = createHash('sha256').update(source).update(firstLine).update(FLAGS.join(' ')).digest('hex').slice(0, 16);
    const dir = path.join(os.tmpdir(), 'criticality-bench-native');
    const binary = path.join(dir, `clusters-${key}`);
    if (!existsSync(binary)) {
      mkdirSync(dir, { recursive: true });
      const build = spawnSync(cc, [...FLAGS, '-o', binary, SOURCE], { encoding: 'utf8' });
      if (build.status !== 0) return { skipped: `${cc} ${FLAGS.join(' ')} failed: ${(build.stderr || String(build.error)).trim()}` };
    }
    return { compiler: `${firstLine} ${FLAGS.join(' ')}`, start: (request) => startNative(binary, request) };
  }
  return { skipped: `no C compiler found (tried ${candidates.join(', ')}; set CC to use another)` };
}

/** Starts one native process on the request's lattice and generator state; batches are run on demand. */
function startNative(binary: string, r: NativeRequest): NativeSession {
  const args = [r.variant, r.size, r.threshold, ...r.rngState].map(String);
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let buffered = '';
  let err = '';
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      waiting.shift()?.resolve(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.on('error', fail);
  child.on('close', (code) => {
    if (code !== 0) fail(new Error(`native ${r.variant} exited with ${code}: ${err.trim()}`));
  });
  child.stdin.write(Buffer.from(r.spins.buffer, r.spins.byteOffset, r.spins.byteLength));
  const ask = (command: string): Promise<string> => {
    if (failure) return Promise.reject(failure);
    const answer = new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
    child.stdin.write(`${command}\n`);
    return answer;
  };
  return {
    run: async (steps) => JSON.parse(await ask(`run ${steps}`)) as { ns: number; flips: number },
    end: async () => {
      const result = JSON.parse(await ask('end')) as { hash: number; state: number[] };
      child.stdin.end();
      return result;
    },
  };
}
