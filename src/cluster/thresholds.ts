/**
 * Bond thresholds of the cluster algorithms, computed once in TypeScript and used verbatim by
 * both backends (see src/thresholds.ts for the integer-threshold convention: a bond is active
 * when a uniform 32-bit random integer r satisfies r < t, t = floor(p 2^32), 2^32 for p = 1).
 */
import { threshold } from '../thresholds.js';

export interface ClusterThresholds {
  /** Threshold of p = 1 - exp(-2 beta J), J = 1: a bond between equal neighbours is active. */
  bond: number;
  /** Threshold of p_h = 1 - exp(-2 beta |h|): a site along the field is bonded to the ghost spin. */
  ghost: number;
  /** Sign of the field h: -1, 0 or 1 (which spin orientation can bond to the ghost). */
  fieldSign: number;
}

/** Cluster thresholds at inverse temperature beta and field h (-expm1 keeps p accurate when it is small). */
export function clusterThresholds(beta: number, field: number): ClusterThresholds {
  return {
    bond: threshold(-Math.expm1(-2 * beta)),
    ghost: threshold(-Math.expm1(-2 * beta * Math.abs(field))),
    fieldSign: Math.sign(field) | 0,
  };
}
