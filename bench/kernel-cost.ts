/**
 * Static cost of the packed SIMD kernel: WebAssembly instructions per random plane and per
 * vector of 128 sites in the fast (zero-field) path of sweeps without records, counted in the text
 * format of the release build (build/criticality.wat): the vector loop of the half-sweep, its loop of
 * PACKED_PLANES fixed planes, and the plane loop of the layers that finish a row (finishRowSimd).
 * Local gets/sets are not counted (the compiler keeps them in registers). Of an if/else, outside the
 * plane loops only the first (fast or common) arm is counted; inside them the most expensive arm (the
 * planes are specialised by their threshold bits, the general comparison being the costliest case).
 * A plane loop is recognised by its generator step (i32x4.mul).
 */
import type { KernelCost } from './report.js';

/** The instantiations that sweeps without records at h = 0 run (assembly/packed.ts). */
const HALF_SWEEP = 'assembly/packed/halfSweepSimd<assembly/packed/Fast,assembly/packed/Untracked>';
const FINISH_ROW = 'assembly/packed/finishRowSimd<assembly/packed/Fast,assembly/packed/Untracked>';

const STRUCTURE = /^(block|loop|if)\b/;

function isInstruction(line: string): boolean {
  return line !== '' && !line.startsWith('local.') && !line.startsWith('(') && line !== 'end' && line !== 'else' && !/^(block|loop)\b/.test(line);
}

/** Index of the `end` closing the structure that opens at `start`. */
function matchingEnd(lines: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    if (STRUCTURE.test(lines[i])) depth++;
    else if (lines[i] === 'end' && --depth === 0) return i;
  }
  throw new Error('unbalanced structure in the .wat text');
}

/** The `else` of the if that opens at `start`, or -1. */
function elseOf(lines: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    if (STRUCTURE.test(lines[i])) depth++;
    else if (lines[i] === 'end' && --depth === 0) return -1;
    else if (lines[i] === 'else' && depth === 1) return i;
  }
  return -1;
}

/** Instructions in lines [from, to]: of an if/else the first arm, or with `costliest` the larger arm. */
function count(lines: string[], from: number, to: number, costliest = false): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    if (lines[i].startsWith('if')) {
      const otherwise = elseOf(lines, i);
      if (otherwise >= 0) {
        const end = matchingEnd(lines, i);
        const first = count(lines, i + 1, otherwise - 1, costliest);
        const second = count(lines, otherwise + 1, end - 1, costliest);
        n += 1 + (costliest ? Math.max(first, second) : first);
        i = end;
        continue;
      }
    }
    if (isInstruction(lines[i])) n++;
  }
  return n;
}

/** The trimmed lines of function `name`. */
function functionLines(wat: string, name: string): string[] {
  const start = wat.indexOf(`\n (func $"${name}"`);
  if (start < 0) throw new Error(`${name} not found in the .wat text`);
  const next = wat.indexOf('\n (func ', start + 1);
  return wat.slice(start, next < 0 ? undefined : next).split('\n').map((l) => l.trim());
}

/** The innermost loop around the first generator step (i32x4.mul) and the loop enclosing it: [plane, outer] start lines. */
function planeLoop(lines: string[], name: string): [number, number | undefined] {
  const loops: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('loop')) loops.push(i);
    if (lines[i] === 'i32x4.mul') {
      const open = loops.filter((l) => matchingEnd(lines, l) > i);
      return [open[open.length - 1], open[open.length - 2]];
    }
  }
  throw new Error(`plane loop (i32x4.mul) not found in ${name}`);
}

export function kernelCost(wat: string): KernelCost {
  const sweep = functionLines(wat, HALF_SWEEP);
  const [plane, vector] = planeLoop(sweep, HALF_SWEEP);
  if (vector === undefined) throw new Error(`vector loop around the plane loop not found in ${HALF_SWEEP}`);
  const planeEnd = matchingEnd(sweep, plane);
  const planeInstructions = count(sweep, plane, planeEnd, true);
  const finish = functionLines(wat, FINISH_ROW);
  const [layerPlane] = planeLoop(finish, FINISH_ROW);
  return {
    planeInstructions,
    vectorInstructions: count(sweep, vector, matchingEnd(sweep, vector)) - count(sweep, plane, planeEnd),
    layerPlaneInstructions: count(finish, layerPlane, matchingEnd(finish, layerPlane), true),
  };
}
