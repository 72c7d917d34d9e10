// The WebAssembly core of criticality: hot loops only, numbers in and numbers out.
// The wrappers (src/backend/core-instance.ts, src/models/*/) own validation, thresholds and statistics.

export { SERIES_CAPACITY, METROPOLIS_ENTRIES, HEATBATH_ENTRIES } from "./layout";
export {
  init, spinsPtr, seriesPtr, metropolisTablePtr, heatBathTablePtr,
  getBondSum, getMagnetization, fillCold, fillHot, recount,
  sweepMetropolis, sweepHeatBath,
} from "./ising2d";
export {
  CLUSTER_WOLFF, CLUSTER_SWENDSEN_WANG,
  clusterReserve, clusterParentPtr, clusterWorkPtr, clusterSizesPtr, clusterLastKind, clusterLastCount,
  clusterFlips, setClusterThresholds, clusterUpdate,
} from "./cluster";
export { POTTS_CLUSTER_MAX_Q, pottsClusterSetup, pottsClusterUpdate } from "./potts-cluster";
export { reservedBytes } from "./memory";
export {
  RG_OPERATORS, RG_MAX_PATTERN_BLOCK, RG_RULE_MAJORITY, RG_RULE_DECIMATION,
  rgSetState, rgGetState, rgConfigure, rgBuild, rgMeasure, rgLevelPtr, rgOperatorsPtr, rgPatternsPtr, rgPatternCount,
} from "./rg";
export { rgPackedConfigure, rgBuildPacked, rgMeasurePacked } from "./rg-packed";
export { correlationsPtr, measureCorrelations } from "./correlation";
import * as rng from "./rng";

/** Sets the generator state (never all zero: the wrapper seeds it). */
export function rngSetState(a: u32, b: u32, c: u32, d: u32): void {
  rng.s0 = a; rng.s1 = b; rng.s2 = c; rng.s3 = d;
}

/** Word k (0..3) of the generator state. */
export function rngGetState(k: i32): u32 {
  return k == 0 ? rng.s0 : k == 1 ? rng.s1 : k == 2 ? rng.s2 : rng.s3;
}

/** Next 32-bit output (for golden-value and parity tests). */
export function rngNext(): u32 {
  return rng.next();
}
export {
  SIMD, PACKED_PLANES, packedInit, packedAttach, packedReserveSeeds, packedLatticePtr, packedLeavesPtr, packedSeedsPtr,
  getPackedBondSum, getPackedMagnetization, setPackedCounts, packFromBytes, unpackToBytes,
  packedPrepare, packedSeeds, packedHalfSweep, packedSweep, packedRecount, packedInvalidateCounts,
} from "./packed";
export {
  POTTS_MAX_Q, POTTS_METROPOLIS_ENTRIES, POTTS_HEATBATH_PATTERNS, POTTS_HEATBATH_GROUPS, POTTS_SOURCE_STRIDE,
  POTTS_PARTITION_KEYS, POTTS_RECORD_WORDS, POTTS_MAX_PATTERNS, POTTS_RG_MAJORITY, POTTS_RG_DECIMATION,
  pottsInit, pottsQ, pottsMetropolisPtr, pottsPartitionsPtr, pottsHeatBathPtr, pottsSourcesPtr, pottsCountsPtr,
  pottsRecordsPtr, pottsBondCount, pottsRecordCapacity, pottsPrepare, pottsFillCold, pottsFillHot, pottsRecount,
  pottsSetBondCount, pottsSweep, pottsCorrelations, pottsCorrelationsPtr,
  pottsRgConfigure, pottsRgPatternCount, pottsRgPatternsPtr, pottsRgBuild,
} from "./potts";
export {
  POTTS_CUBIC_METROPOLIS_ENTRIES, POTTS_CUBIC_PARTITION_KEYS, POTTS_CUBIC_HEATBATH_PATTERNS, POTTS_CUBIC_HEATBATH_GROUPS,
  POTTS_CUBIC_SOURCE_STRIDE, pottsCubicInit, pottsCubicMetropolisPtr, pottsCubicPartitionsPtr, pottsCubicHeatBathPtr,
  pottsCubicSourcesPtr, pottsCubicSweep,
} from "./potts-cubic";
export {
  langReserve, langEqualCounts, langPairCounts, langNgramCounts, langSampleChain, langSampleTrees,
} from "./language";
export {
  XY_RECORD_WIDTH, XY_RECORD_CAPACITY,
  xyInit, xySpinsPtr, xyRecordsPtr, xySizesPtr, xyQueuePtr, xyLastCount, xySetCouplings, xyFill,
  xyOverRelax, xyMetropolis, xyReserveClusters, xyWolff, xyRecord, xyStatesPtr, xyClockSync, xyClockMetropolis,
} from "./xy";
export { xyHeatBath, xySwendsenWang } from "./xy";
export { heisenbergHeatBath, heisenbergSwendsenWang } from "./heisenberg";
export { embeddingReserve, embeddingParentPtr } from "./embedding";
export { phi4SwendsenWang } from "./phi4";
export { detSin, detCos, detExp, detSinSmall, detCosSmall, detSinTiny, detCosTiny, detExpSmall } from "./detmath";
export { detLog } from "./detmath";
export {
  HEISENBERG_RECORD_WIDTH, HEISENBERG_RECORD_CAPACITY,
  heisenbergInit, heisenbergSpinsPtr, heisenbergRecordsPtr, heisenbergSizesPtr, heisenbergQueuePtr, heisenbergLastCount,
  heisenbergSetCouplings, heisenbergFill, heisenbergMetropolis, heisenbergOverRelax, heisenbergReserveClusters,
  heisenbergWolff, heisenbergRecord,
} from "./heisenberg";
export {
  mucaInit, mucaExp, mucaWeightsPtr, mucaVisitsPtr, mucaSetWindow, mucaResetVisits, mucaSweep,
} from "./multicanonical";
export {
  PACKED3D_PLANES, packed3dInit, packed3dAttach, packed3dReserveSeeds, packed3dLatticePtr, packed3dLeavesPtr, packed3dSeedsPtr,
  getPacked3dBondSum, getPacked3dMagnetization, setPacked3dCounts, pack3dFromBytes, unpack3dToBytes,
  packed3dPrepare, packed3dSeeds, packed3dHalfSweep, packed3dSweep, packed3dRecount, packed3dInvalidateCounts,
} from "./packed3d";
export {
  PHI4_RECORD_WIDTH, PHI4_RECORD_CAPACITY,
  phi4Init, phi4SpinsPtr, phi4RecordsPtr, phi4SizesPtr, phi4QueuePtr, phi4LastCount, phi4SetCouplings, phi4Fill,
  phi4OverRelax, phi4Metropolis, phi4ReserveClusters, phi4Wolff, phi4Record,
} from "./phi4";
