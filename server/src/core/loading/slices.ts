/**
 * Long work in short slices: a computation written as a generator that yields
 * between small steps, run either at once or in slices of a few milliseconds
 * that give the event loop back in between (so a server answers requests while
 * it builds an index).
 */

/** A slice of background work short enough that a request arriving meanwhile is hardly delayed. */
export const SLICE_MS = 1;

export class SliceCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

/**
 * Runs `steps` to its end, yielding to the event loop whenever a slice of
 * `sliceMs` is used up; rejects with `SliceCancelled` when `isCancelled` says so
 * at a yield.
 */
export async function inSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS, isCancelled?: () => boolean): Promise<T> {
  let sliceEnd = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() < sliceEnd) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (isCancelled?.()) throw new SliceCancelled();
    sliceEnd = performance.now() + sliceMs;
  }
}

/** Runs `steps` to its end at once. */
export function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
