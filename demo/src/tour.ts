/**
 * The guided tour: short steps, one sentence each, that set the laboratory's parameters for you and
 * point at the view to look at. A step is an address (`?tour=3`): its parameters are the defaults
 * and any parameter in the address overrides them, so a shared link reproduces the step as seen.
 * Pure: no DOM.
 */
import { LAB_MODELS, latticesOf } from './models.js';

export interface TourStep {
  title: string;
  /** What to look at, in one sentence. */
  text: string;
  /** The parameters the step sets (an address query). */
  query: string;
  /** The id of the element the step points at. */
  view: string;
}

/** The 3D step: the hat in three dimensions where the library runs it there (the XY model, else the phi^4 field), else the cubic Ising model. */
const hatInThreeD = (['xy', 'phi4'] as const).find((m) => (LAB_MODELS as readonly string[]).includes(m) && latticesOf(m).includes('cubic'));

export const TOUR: readonly TourStep[] = [
  {
    title: 'Disorder → order',
    text: 'A random (infinitely hot) lattice is cooled at once to T = 1.5: domains of up and down spins grow and merge until one of them wins.',
    query: '?model=ising&T=1.5&L=256&algorithm=metropolis&start=hot',
    view: 'stage',
  },
  {
    title: 'The critical point',
    text: 'At T_c the Wolff clusters (one colour each) come in every size, from single spins to the whole lattice: no length scale is left.',
    query: '?model=ising&T=tc&L=256&algorithm=wolff&clusters=1',
    view: 'stage',
  },
  {
    title: 'Two wells',
    text: 'Below T_c the free energy F(m) = −ln P(m) of a small Ising lattice has two wells at ±m*: the up/down symmetry of the rule is broken by the state.',
    query: '?model=ising&T=2&L=16&algorithm=wolff',
    view: 'landscape',
  },
  {
    title: 'The Mexican hat',
    text: 'Arrows free to turn in the plane (XY) have a whole ring of equal minima: F(m_x, m_y) is the Mexican hat, the crown disordered, the brim ordered.',
    query: '?model=xy&T=0.85&L=16&algorithm=wolff',
    view: 'landscape',
  },
  {
    title: 'Vortices',
    text: 'Above T_BKT the XY lattice swarms with free vortices (+) and antivortices (−); lower T and they pair up and annihilate.',
    query: '?model=xy&T=1.2&L=64&algorithm=metropolis',
    view: 'stage',
  },
  {
    title: 'In three dimensions',
    text: hatInThreeD
      ? `The ${hatInThreeD === 'xy' ? 'XY model' : 'φ⁴ field'} on the cubic lattice at its T_c: a slice (drag the plane), the mean along z, and the hat of its order parameter in the landscape view.`
      : 'The Ising model on the cubic lattice at its own T_c = 4.51: a slice (drag the plane) and the mean along z.',
    query: hatInThreeD ? `?model=${hatInThreeD}&lattice=cubic&T=tc&L=16&algorithm=${hatInThreeD === 'xy' ? 'wolff' : 'hybrid'}&start=cold` : '?model=ising&lattice=cubic&T=tc&L=64&algorithm=wolff',
    view: 'stage',
  },
  {
    title: 'Latent heat and hysteresis',
    text: 'The Potts model with q = 10 melts suddenly: run the hysteresis loop (heat, then cool) and watch the two branches part around T_t.',
    query: '?model=potts&q=10&L=64&algorithm=heat-bath',
    view: 'first-order',
  },
  {
    title: 'The RG flow',
    text: 'Block spins at T_c: every level looks alike (the fixed point, U4 near 0.61); move T and the levels flow to order or to noise.',
    query: '?model=ising&T=tc&L=512&algorithm=wolff',
    view: 'rg',
  },
  {
    title: 'More is different',
    text: 'The same rule at L = 8 to 128: run all sizes and watch the transition sharpen with L while the Binder curves cross at T_c.',
    query: '?model=ising&L=64&algorithm=wolff',
    view: 'emergence',
  },
];

/** The step of an address (`tour=N`, 1-based), or undefined (absent or not a step, with the reason). */
export function tourStepOf(query: string): { step?: number; problem?: string } {
  const text = new URLSearchParams(query).get('tour');
  if (text === null) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > TOUR.length) return { problem: `tour = ${JSON.stringify(text)}: expected a step from 1 to ${TOUR.length}; ignored` };
  return { step: n };
}

/** The query of a step with the address' own parameters over it (`tour` kept). */
export function tourQuery(step: number, query: string): string {
  const merged = new URLSearchParams(TOUR[step - 1].query);
  for (const [key, value] of new URLSearchParams(query)) merged.set(key, value);
  merged.delete('tour');
  return `?${merged.toString()}`;
}
