// How scattered a brand's normal traffic is, learnt from its own quiet steps. Two parts, the
// variance of a window's count being phi·expected + alpha·expected²:
// - phi, per window length: mentions come in clusters (a thread, a quote pile-on), so a
//   10-minute count scatters more than ten independent minutes would;
// - alpha, per slot (hour): the normal rate itself is only known to some precision.
// Exponentially forgetting moment estimates with clipped residuals; plain numbers, so the
// state can be stored as JSON per brand.

/** Dispersion priors and how fast their estimates forget (see README.md). */
export const PHI_PRIOR = 1.5;
/** The φ prior weighs as much as this many expected mentions of evidence. */
export const PHI_PRIOR_WEIGHT = 30;
export const ALPHA_PRIOR = 0.05;
export const ALPHA_MIN = 0.01;
export const ALPHA_MAX = 1;
/** The α prior weighs as much as this many slots of evidence. */
export const ALPHA_PRIOR_SLOTS = 3;
/** A residual counts at most this many variances (plus 4) upward, 4 (plus 1) downward. */
const CLIP_UP = 25;
const CLIP_DOWN = 4;

export interface DispersionState {
  phiNum: number[];
  phiDen: number[];
  alphaNum: number;
  alphaDen: number;
  alphaCount: number;
}

export function newDispersion(windowCount: number): DispersionState {
  return {
    phiNum: new Array<number>(windowCount).fill(0),
    phiDen: new Array<number>(windowCount).fill(0),
    alphaNum: 0,
    alphaDen: 0,
    alphaCount: 0,
  };
}

export function phiOf(state: DispersionState, index: number): number {
  return Math.max(
    1,
    (state.phiNum[index]! + PHI_PRIOR * PHI_PRIOR_WEIGHT) /
      (state.phiDen[index]! + PHI_PRIOR_WEIGHT),
  );
}

export function phisOf(state: DispersionState): number[] {
  return state.phiNum.map((_, i) => phiOf(state, i));
}

export function alphaOf(state: DispersionState): number {
  const prior = state.alphaCount > 0 ? ALPHA_PRIOR_SLOTS * (state.alphaDen / state.alphaCount) : 1;
  const estimate = (state.alphaNum + ALPHA_PRIOR * prior) / (state.alphaDen + prior);
  return Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, estimate));
}

/**
 * Learns φ from one quiet step's windows (observed and expected sums per window index).
 * Clipped both ways: a storm that slipped through (up) or a holiday (down) is not scatter.
 * Pooled over quiet and busy hours, so busy hours' rate scatter inflates φ a little: on the
 * safe side.
 */
export function learnWindows(
  state: DispersionState,
  windows: readonly { index: number; observed: number; expected: number }[],
  decay: number,
): void {
  const alpha = alphaOf(state);
  for (const { index, observed, expected } of windows) {
    const variance = phiOf(state, index) * expected + alpha * expected * expected;
    const clip = observed > expected ? CLIP_UP * variance + 4 : CLIP_DOWN * variance + 1;
    state.phiNum[index] = state.phiNum[index]! * decay + Math.min((observed - expected) ** 2, clip);
    state.phiDen[index] = state.phiDen[index]! * decay + expected;
  }
}

/**
 * Learns α from one quiet slot: its observed and expected counts, beyond the clustering `phi`
 * of the window nearest a slot long. Only slots above normal count (twice, standing for both
 * sides): it is the upper tail that raises alarms, and a holiday's missing traffic says
 * nothing about it.
 */
export function learnSlot(
  state: DispersionState,
  observed: number,
  expected: number,
  phi: number,
  decay: number,
): void {
  const clip = CLIP_UP * (phi * expected + alphaOf(state) * expected * expected) + 4;
  const upper = observed > expected ? 2 * Math.min((observed - expected) ** 2, clip) : 0;
  state.alphaNum = state.alphaNum * decay + upper - phi * expected;
  state.alphaDen = state.alphaDen * decay + expected * expected;
  state.alphaCount = state.alphaCount * decay + 1;
}
