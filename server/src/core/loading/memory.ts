/**
 * A full garbage collection on request. After a bulk load the heap holds the
 * load's garbage (and the cache's buffers) until V8 next feels the need, which
 * an idle server may not for minutes; collecting once returns it at once.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The runtime's collector, looked up once (a fact about the process, not state of a server). */
let gc: (() => void) | null | undefined;

/** Collects now if the runtime allows it (it does in Node: `--expose-gc` for a fresh context); a no-op otherwise. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  try {
    gc?.();
  } catch {
    gc = null;
  }
}
