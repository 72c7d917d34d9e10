// The API reference (TypeDoc, `npm run docs`, written to docs/api/) builds from the doc comments
// with no warning: every type a public signature mentions is exported and documented.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('API reference', { timeout: 120_000 }, () => {
  it('builds with TypeDoc, warnings as errors', async () => {
    const out = await mkdtemp(join(tmpdir(), 'criticality-api-'));
    try {
      await promisify(execFile)(process.execPath, [join(repo, 'node_modules/typedoc/bin/typedoc'), '--out', out], { cwd: repo, timeout: 110_000 });
      for (const page of ['functions/index.createSimulation.html', 'functions/serverless.createHandler.html', 'interfaces/serverless.HandlerOptions.html']) {
        expect(existsSync(join(out, page)), page).toBe(true);
      }
      expect(await readFile(join(out, 'interfaces/serverless.HandlerOptions.html'), 'utf8')).toContain('maxMs');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
