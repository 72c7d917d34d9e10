/**
 * The packed Metropolis exports of the WebAssembly core (a leaf module: src/models/ising/packed-wasm.ts,
 * the shared-lattice workers and their coordinator all read them from here). The square kernel
 * (assembly/packed.ts) exports them under these names; the simple cubic lattice's kernel
 * (assembly/packed3d.ts) under its own, renamed to these by {@link packedExportsFor}: the same
 * calls, with planes where the square kernel has vector rows (packed3dHalfSweep(colour, z0, z1,
 * track) updates planes z0 .. z1 - 1), so one engine and one worker drive either kernel.
 */
import type { Lattice } from '../../vocabulary.js';

/** The packed exports of the core (assembly/index.ts), square names. */
export interface PackedCoreExports {
  readonly memory: WebAssembly.Memory;
  readonly SIMD?: WebAssembly.Global;
  seriesPtr(): number;
  packedInit(size: number): number;
  packedAttach(size: number, lattice: number, leaves: number, seeds: number): void;
  packedReserveSeeds(): number;
  packedLatticePtr(): number;
  packedLeavesPtr(): number;
  packedSeedsPtr(): number;
  getPackedBondSum(): number;
  getPackedMagnetization(): number;
  setPackedCounts(bondSum: number, magnetization: number): void;
  packFromBytes(): void;
  unpackToBytes(): void;
  packedPrepare(): void;
  packedSeeds(): void;
  packedHalfSweep(colour: number, r0: number, r1: number, track: number): number;
  packedSweep(sweeps: number, record: number): number;
  packedRecount(): void;
  packedInvalidateCounts(): void;
}

/** The cubic packed exports of the core (assembly/index.ts). */
interface CubicPackedExports {
  readonly memory: WebAssembly.Memory;
  readonly SIMD?: WebAssembly.Global;
  seriesPtr(): number;
  packed3dInit(size: number): number;
  packed3dAttach(size: number, lattice: number, leaves: number, seeds: number): void;
  packed3dReserveSeeds(): number;
  packed3dLatticePtr(): number;
  packed3dLeavesPtr(): number;
  packed3dSeedsPtr(): number;
  getPacked3dBondSum(): number;
  getPacked3dMagnetization(): number;
  setPacked3dCounts(bondSum: number, magnetization: number): void;
  pack3dFromBytes(): void;
  unpack3dToBytes(): void;
  packed3dPrepare(): void;
  packed3dSeeds(): void;
  packed3dHalfSweep(colour: number, z0: number, z1: number, track: number): number;
  packed3dSweep(sweeps: number, record: number): number;
  packed3dRecount(): void;
  packed3dInvalidateCounts(): void;
}

/**
 * The packed exports of `exports` for `lattice`: the square kernel's as they are, the cubic
 * kernel's renamed to them (undefined members when the core predates the cubic kernel).
 */
export function packedExportsFor(exports: unknown, lattice: Lattice): PackedCoreExports {
  if (lattice !== 'cubic') return exports as PackedCoreExports;
  const c = exports as CubicPackedExports;
  if (typeof c.packed3dInit !== 'function') return { memory: c.memory } as PackedCoreExports;
  return {
    memory: c.memory,
    SIMD: c.SIMD,
    seriesPtr: c.seriesPtr,
    packedInit: c.packed3dInit,
    packedAttach: c.packed3dAttach,
    packedReserveSeeds: c.packed3dReserveSeeds,
    packedLatticePtr: c.packed3dLatticePtr,
    packedLeavesPtr: c.packed3dLeavesPtr,
    packedSeedsPtr: c.packed3dSeedsPtr,
    getPackedBondSum: c.getPacked3dBondSum,
    getPackedMagnetization: c.getPacked3dMagnetization,
    setPackedCounts: c.setPacked3dCounts,
    packFromBytes: c.pack3dFromBytes,
    unpackToBytes: c.unpack3dToBytes,
    packedPrepare: c.packed3dPrepare,
    packedSeeds: c.packed3dSeeds,
    packedHalfSweep: c.packed3dHalfSweep,
    packedSweep: c.packed3dSweep,
    packedRecount: c.packed3dRecount,
    packedInvalidateCounts: c.packed3dInvalidateCounts,
  };
}

/** Units a worker's share is counted in: vector rows (L / 16) on the square lattice, planes (L) on the cubic one. */
export function packedUnits(size: number, lattice: Lattice): number {
  return lattice === 'cubic' ? size : size / 16;
}
