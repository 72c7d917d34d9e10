// criticality/cluster is a separate export with bullmq and ioredis as optional peer dependencies:
// `import 'criticality'` (and the CLI, until --redis is used) never loads them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;

// In a fresh Node process, a resolve hook fails any import of bullmq or ioredis; then the core, the
// serverless handler and the CLI are imported (and the CLI runs a command); then the cluster export.
const script = `
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent(
    'export async function resolve(s, c, next) { if (/^(bullmq|ioredis)/.test(s) && !process.env.ALLOW) throw new Error("loaded " + s); return next(s, c); }'));
  const core = await import('criticality');
  await import('criticality/serverless');
  const { main } = await import(${JSON.stringify(new URL('../dist/cli/main.js', import.meta.url).href)});
  let out = '';
  const code = await main(['run', '--size', '8', '--sweeps', '100', '--format', 'json'], { stdout: (t) => (out += t), stderr: () => {} });
  console.log('core', typeof core.createSimulation, 'cli', code, JSON.parse(out).size);
  try {
    await import('criticality/cluster');
  } catch (error) {
    console.log('cluster', error.message);
  }
`;

function node(env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('criticality/cluster keeps the core light', { timeout: 40_000 }, () => {
  it('is its own export, with optional peer dependencies', () => {
    expect(pkg.exports['./cluster']).toEqual({ types: './dist/distributed/index.d.ts', require: './cjs/cluster.cjs', default: './dist/distributed/index.js' });
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['bullmq', 'ioredis']));
    expect(pkg.peerDependenciesMeta).toMatchObject({ bullmq: { optional: true }, ioredis: { optional: true } });
    expect(pkg.dependencies).not.toHaveProperty('bullmq');
    expect(pkg.dependencies).not.toHaveProperty('ioredis');
  });

  it('import "criticality" and the CLI never load bullmq; criticality/cluster does', async () => {
    const lines = (await node()).trim().split('\n');
    expect(lines[0]).toBe('core function cli 0 8');
    expect(lines[1]).toMatch(/^cluster loaded (bullmq|ioredis)/);
    const allowed = (await node({ ALLOW: '1' })).trim().split('\n');
    expect(allowed).toEqual(['core function cli 0 8']);
  });
});
