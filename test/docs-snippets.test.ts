// Every code block of README.md and docs/*.md runs as written, so that a snippet cannot rot
// (issue 15, problem 7). TypeScript and JavaScript blocks run with tsx (each on its own, importing
// the package by its name, which resolves to this repository's build) and the TypeScript ones are
// type-checked too; shell blocks run in bash, with `npx <tool>` pointed at this repository's
// copy (never the registry). A block that cannot run here carries a marker on the line above it,
// `<!-- no-run: why -->`; a block without a runnable language must carry one.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
/** Inside the repository, so that `import ... from 'criticality'` resolves to it (package self-reference). */
const scratch = join(repo, 'tmp/doc-snippets');
const RUNNABLE = ['ts', 'js', 'sh'];
const NO_RUN = /^<!-- no-run: (.{10,}) -->$/;

interface Block {
  file: string;
  line: number;
  lang: string;
  code: string;
  /** Why the block does not run, from its marker. */
  noRun?: string;
}

async function blocksOf(file: string): Promise<Block[]> {
  const lines = (await readFile(join(repo, file), 'utf8')).split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: a code block that is never closed`);
    const marker = NO_RUN.exec(lines[i - 1] ?? '');
    blocks.push({ file, line: i + 1, lang: open[1], code: lines.slice(i + 1, end).join('\n'), noRun: marker?.[1] });
    i = end;
  }
  return blocks;
}

const pages = ['README.md', ...(await readdir(join(repo, 'docs'))).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks = (await Promise.all(pages.map(blocksOf))).flat();
const runnable = blocks.filter((b) => !b.noRun);
const name = (b: Block) => `${b.file.replace(/[/.]/g, '-')}-${b.line}`;

/** `npx <tool>` in the blocks runs this repository's copy; anything else is an error, never a download. */
const SHELL_PRELUDE = `set -euo pipefail
npx() {
  case "$1" in
    criticality) shift; node ${JSON.stringify(join(repo, 'bin/criticality.js'))} "$@" ;;
    tsx|esbuild|vite|typedoc) local tool="$1"; shift; ${JSON.stringify(join(repo, 'node_modules/.bin'))}/"$tool" "$@" ;;
    *) echo "npx $1: not a tool of this repository" >&2; return 127 ;;
  esac
}
`;

beforeAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  // the shell blocks name files of the repository (examples/, scripts/) from its root
  for (const dir of ['examples', 'scripts']) await symlink(join(repo, dir), join(scratch, dir));
  for (const b of runnable.filter((x) => x.lang === 'ts' || x.lang === 'js')) {
    await writeFile(join(scratch, `${name(b)}.${b.lang === 'ts' ? 'ts' : 'mjs'}`), `${b.code}\n`);
  }
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('code blocks of the README and docs/', { timeout: 180_000 }, () => {
  it('every block runs, or says on the line above it why it cannot', () => {
    expect(blocks.length).toBeGreaterThan(20);
    for (const b of blocks) {
      if (!b.noRun) expect(RUNNABLE, `${b.file}:${b.line}: a \`\`\`${b.lang} block needs <!-- no-run: why --> above it`).toContain(b.lang);
    }
  });

  it('the TypeScript blocks type-check against the built package', async () => {
    const files = runnable.filter((b) => b.lang === 'ts').map((b) => `${name(b)}.ts`);
    const tsconfig = {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(repo, 'node_modules/@types')], strict: true, noEmit: true, skipLibCheck: true },
      files,
    };
    await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
    const result = await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', scratch], { cwd: scratch }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe('');
  });

  it.each(runnable.map((b) => [`${b.file}:${b.line} (${b.lang})`, b] as const))('%s', async (_label, b) => {
    const options = { cwd: scratch, timeout: 150_000, maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } };
    if (b.lang === 'sh') {
      await run('bash', ['-c', `${SHELL_PRELUDE}\n${b.code}\n`], options);
    } else {
      await run(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), `${name(b)}.${b.lang === 'ts' ? 'ts' : 'mjs'}`], options);
    }
  });
});
