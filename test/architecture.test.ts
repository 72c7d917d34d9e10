// The tree reads as the architecture: no import cycles in src/ (type-only imports included), the
// shared vocabulary is a leaf, and options validation does not reach into backends or workers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of every module, as paths under src/ (".js" specifiers name ".ts" files). */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)].map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
    edges.set(relative(root, file), targets.filter((t) => t.endsWith('.ts')).map((t) => relative(root, t)));
  }
  return edges;
}

/** Every cycle, as found by a depth-first search (each reported once, from its first node met). */
function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  const edges = graph();

  it('has no import cycles', () => {
    expect(cycles(edges).map((c) => c.join(' > '))).toEqual([]);
  });

  it('keeps the vocabulary a leaf', () => {
    expect(edges.get('vocabulary.ts')).toEqual([]);
  });

  it('validates options without importing backend or worker code directly', () => {
    expect((edges.get('options.ts') ?? []).filter((m) => m.startsWith('backend/') || m.startsWith('worker/'))).toEqual([]);
  });
});
