/**
 * The analysis of a sweep over sizes and temperatures, as `criticality sweep --analysis` prints it:
 * finite-size scaling of the Binder cumulant and the susceptibility (./fss.ts) for every model, and,
 * for the Potts model, the first-order toolkit (./first-order.ts: the double-peaked P(e), the latent
 * heat, the interface tension, the V4 minimum) per size with its scaling in L; both next to the
 * model's infinite-lattice transition (src/reference.ts: Onsager, or 1/ln(1 + sqrt q) with the 2D
 * Potts exponents for q <= 4 and Baxter's latent heat for q > 4).
 */
import type { Measurement } from '../measure.js';
import { geometryOf, sitesOf } from '../lattice.js';
import { criticalReference, type CriticalReference } from '../reference.js';
import { analyzeFirstOrder, firstOrderScaling, type FirstOrderAnalysis, type FirstOrderScaling } from './first-order.js';
import { finiteSizeScaling, type FiniteSizeScaling } from './fss.js';

export interface TransitionAnalysis {
  /** The model's transition on the infinite lattice. */
  reference: CriticalReference;
  /** Binder crossings, T_c, nu, chi_max and gamma/nu (with at least two sizes). */
  fss?: FiniteSizeScaling;
  /** Potts: the first-order analysis of every size, and its scaling in L (two sizes or more). */
  firstOrder?: { sizes: FirstOrderAnalysis[]; scaling?: FirstOrderScaling };
  /** Why a part could not be computed. */
  warnings: string[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Analyses measurements of one model at several sizes and temperatures, each with its series
 * (`keepSeries`). Parts that cannot be computed are left out with a warning, never guessed.
 */
export function analyzeTransition(measurements: readonly Measurement[]): TransitionAnalysis {
  const first = measurements[0];
  const reference = criticalReference(first ?? {});
  const out: TransitionAnalysis = { reference, warnings: [] };
  const sizes = [...new Set(measurements.map((m) => m.size))].sort((a, b) => a - b);
  if (sizes.length >= 2) {
    try {
      out.fss = finiteSizeScaling(measurements);
    } catch (error) {
      out.warnings.push(`finite-size scaling: ${messageOf(error)}`);
    }
  } else {
    out.warnings.push('finite-size scaling needs at least two sizes');
  }
  if (first?.model === 'potts') {
    const analyses: FirstOrderAnalysis[] = [];
    for (const size of sizes) {
      const runs = measurements.filter((m) => m.size === size && m.series).map((m) => ({ beta: m.beta, energy: m.series!.energy }));
      try {
        const geometry = geometryOf(first.lattice);
        analyses.push(analyzeFirstOrder(runs, { sites: sitesOf(geometry, size), size, dimension: geometry.dimension, orderedPhases: first.q }));
      } catch (error) {
        out.warnings.push(`first-order analysis at L = ${size}: ${messageOf(error)}`);
      }
    }
    out.firstOrder = { sizes: analyses, ...(analyses.length >= 2 ? { scaling: firstOrderScaling(analyses) } : {}) };
  }
  return out;
}
