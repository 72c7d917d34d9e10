/**
 * Static cost of the packed SIMD kernel: WebAssembly instructions per random plane and per
 * vector of 128 sites in the fast (zero-field) path of sweeps without records, counted in the text
 * format of the release build (build/criticality.wat). Local gets/sets are not counted (the
 * compiler keeps them in registers); of an if/else only the first (fast or common) arm is.
 */
import type { KernelCost } from './report.js';

/** The instantiation that sweeps without records at h = 0 run (assembly/packed.ts). */
const KERNEL = 'assembly/packed/halfSweepSimd<assembly/packed/Fast,assembly/packed/Untracked>';

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

/** Instructions in lines [from, to], skipping every else arm. */
function count(lines: string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    if (lines[i] === 'else') {
      // skip to the end of this if: nesting within the else arm
      let depth = 1;
      while (depth > 0) {
        i++;
        if (STRUCTURE.test(lines[i])) depth++;
        else if (lines[i] === 'end') depth--;
      }
      continue;
    }
    if (isInstruction(lines[i])) n++;
  }
  return n;
}

export function kernelCost(wat: string): KernelCost {
  const start = wat.indexOf(`\n (func $"${KERNEL}"`);
  if (start < 0) throw new Error(`${KERNEL} not found in the .wat text`);
  const next = wat.indexOf('\n (func ', start + 1);
  const lines = wat.slice(start, next < 0 ? undefined : next).split('\n').map((l) => l.trim());
  const loops: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('loop')) loops.push(i);
    if (lines[i] === 'v128.any_true') {
      const plane = loops[loops.length - 1];
      const vector = loops.filter((l) => l < plane && matchingEnd(lines, l) > plane).pop();
      if (vector === undefined) break;
      const planeInstructions = count(lines, plane, matchingEnd(lines, plane));
      return { planeInstructions, vectorInstructions: count(lines, vector, matchingEnd(lines, vector)) - planeInstructions };
    }
  }
  throw new Error(`plane loop (v128.any_true) not found in ${KERNEL}`);
}
