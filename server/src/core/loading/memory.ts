/**
 * A full garbage collection on request. After a bulk load the heap holds the
 * load's garbage (and the cache's buffers) until V8 next feels the need, which
 * an idle server may not for minutes; collecting once returns it at once.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The runtime's collector, looked up once (a fact about the process, not state of a server). */
let gc: (() => void) | null | undefined;

/**
 * Collects now, and once more a few seconds later, if the runtime allows it (it does in Node: `--expose-gc` for a
 * fresh context); a no-op otherwise. By the second collection the allocation rate has dropped, and V8 then also
 * gives back the young generation's grown space (~35 MB of a server's RSS on the real corpus), which it would
 * otherwise keep until its own memory reducer runs, about half a minute later. The second one also compacts the
 * old generation: ~40 MB less RSS at ten times the real corpus, for a pause of ~0.1 s at 1× (~0.5 s at ten times).
 */
export function collectGarbage(): void {
  collect(false);
  setTimeout(() => collect(true), SECOND_COLLECTION_MS).unref();
}

/** After this long without a burst of allocation, a collection shrinks the young generation. */
export const SECOND_COLLECTION_MS = 5000;

function collect(compact: boolean): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  try {
    // compacting moves the live objects out of the pages the load left sparse, so V8 can give those back (a plain
    // collection keeps them, and V8's own memory reducer gave back only part later); only this once, as it pauses longer
    if (compact) v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc?.();
    } finally {
      if (compact) v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  } catch {
    gc = null;
  }
}
