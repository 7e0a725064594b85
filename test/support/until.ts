/** Waiting on a condition, never a fixed sleep: for tests that poll what they cannot be told. */

/** Resolves with the first truthy value of `probe`, re-checked until `timeoutMs` (then fails naming `what`). */
export async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
