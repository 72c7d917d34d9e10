/**
 * Binder crossings for the validation scripts: given the Binder ratio Q(beta) of consecutive sizes
 * on one grid of beta, the beta where Q(L) - Q(L') changes sign from < 0 to >= 0 (Q falls with beta,
 * faster for larger L), by linear interpolation between the two grid points that bracket it; its
 * error from the four points' errors through the slope of the difference.
 */

/** One point of a Q(beta) curve. */
export interface BinderPoint {
  beta: number;
  q: number;
  dq: number;
}

export interface BinderCrossing {
  sizes: [number, number];
  beta: number;
  error: number;
  /** Q at the crossing (the smaller size's curve, interpolated). */
  q: number;
}

/** The crossings of consecutive sizes' curves (all on the grid `betas`), where they cross inside it. */
export function binderCrossings(sizes: number[], betas: number[], curves: Map<number, BinderPoint[]>): BinderCrossing[] {
  const crossings: BinderCrossing[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const [a, b] = [curves.get(sizes[k])!, curves.get(sizes[k + 1])!];
    for (let i = 0; i + 1 < betas.length; i++) {
      const d0 = a[i].q - b[i].q;
      const d1 = a[i + 1].q - b[i + 1].q;
      if (d0 < 0 && d1 >= 0) {
        const slope = (d1 - d0) / (betas[i + 1] - betas[i]);
        const beta = betas[i] - d0 / slope;
        const w = (beta - betas[i]) / (betas[i + 1] - betas[i]);
        const error = Math.hypot((1 - w) * a[i].dq, (1 - w) * b[i].dq, w * a[i + 1].dq, w * b[i + 1].dq) / Math.abs(slope);
        crossings.push({ sizes: [sizes[k], sizes[k + 1]], beta, error, q: (1 - w) * a[i].q + w * a[i + 1].q });
        break;
      }
    }
  }
  return crossings;
}
