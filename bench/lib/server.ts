/**
 * The language server as an editor sees it: the built `dist/server.js` over
 * stdio (test/support/lsp.ts), timed from the outside; this tree's build or
 * another checkout's (build.ts).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Position } from 'vscode-languageserver-protocol';
import type { Article } from '../../server/src/core/corpus/article';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import * as path from 'node:path';
import { cacheFileOf, defaultCacheDir } from '../../server/src/core/loading/indexCache';
import { SECOND_COLLECTION_MS } from '../../server/src/core/loading/memory';
import { toSlash } from '../../server/src/core/site/paths';
import { listArticles } from '../../server/src/core/loading/workspace';
import { STATS_REQUEST } from '../../server/src/protocol';
import { TestClient } from '../../test/support/lsp';
import { envOf, newestWrite, THIS_BUILD, type Build } from './build';

const MB = 2 ** 20;

/** Resident memory of a process, from /proc (Linux). */
export function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time of a process, all its threads, ms (Linux; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/** RSS of a node process doing nothing, the base the server's memory is compared with. */
export async function idleNodeRssMB(): Promise<number> {
  const p = spawn(process.execPath, ['-e', 'process.stdout.write("up"); setTimeout(() => {}, 60000)'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    // measured once it has started and run its script, not at a guessed time
    await new Promise<void>((resolve, reject) => {
      p.stdout!.once('data', () => resolve());
      p.once('exit', (code) => reject(new Error(`the idle node process exited (${code})`)));
    });
    return rssMB(p.pid!);
  } finally {
    p.kill();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isReady(c: TestClient): boolean {
  return c.statuses.some((s) => s.state === 'ready');
}

/** Starts the server on `workspace` and waits for its ready signal; returns the client and the times. */
export async function startServer(
  workspace: string,
  timeoutMs = 600_000,
  build: Build = THIS_BUILD,
): Promise<{ client: TestClient; readyMs: number; progressEndMs?: number; serverIndexMs?: number }> {
  const started = performance.now();
  const client = new TestClient(undefined, { server: build.server, env: envOf(build) });
  let progressEndMs: number | undefined;
  await client.initialize(workspace);
  await client.until(
    () => {
      if (progressEndMs === undefined && client.notifications.some((n) => n.method === '$/progress' && progressKind(n.params) === 'end')) {
        progressEndMs = performance.now() - started;
      }
      // a workspace without a learn folder (or a failed index) never gets ready: say so at once
      const ended = client.statuses.find((s) => s.state === 'idle' || s.state === 'error');
      if (ended) throw new Error(`the server did not index ${workspace}: ${ended.message ?? ended.state}`);
      return isReady(client);
    },
    'the ready signal',
    timeoutMs,
  );
  const readyMs = performance.now() - started;
  const log = client.notifications
    .filter((n) => n.method === 'window/logMessage')
    .map((n) => (n.params as { message: string }).message)
    .join('\n');
  const m = /indexed \d+ articles in (\d+) ms/.exec(log);
  return { client, readyMs, progressEndMs: progressEndMs ?? readyMs, serverIndexMs: m ? Number(m[1]) : undefined };
}

function progressKind(params: unknown): string | undefined {
  return (params as { value?: { kind?: string } }).value?.kind;
}

export interface ServerStart {
  readyMs: number;
  progressEndMs?: number;
  serverIndexMs?: number;
  rssAtReadyMB: number;
  /** CPU time of the server up to ready: on a busy machine, wall time also counts waiting for a core. */
  cpuAtReadyMs: number;
  /** Once settled: the index cache written (when the start writes one) and the load's garbage collected. */
  rssMB: number;
  heapUsedMB: number;
  articles: number;
}

/**
 * A start: spawn → ready, then memory once settled: when the start read files, once the
 * index cache is written and the load's garbage collected; otherwise after `settleMs`;
 * then after the server's second collection (`collectGarbage`).
 */
export async function serverStart(
  workspace: string,
  writesCache: boolean,
  build: Build = THIS_BUILD,
  settleMs = 3000,
): Promise<ServerStart> {
  const cacheWritten = cacheStamp(build, path.resolve(workspace, 'content/learn'));
  const before = cacheWritten();
  const { client, readyMs, progressEndMs, serverIndexMs } = await startServer(workspace, undefined, build);
  try {
    const rssAtReadyMB = rssMB(client.process.pid!);
    const cpuAtReadyMs = cpuMs(client.process.pid!);
    if (writesCache) {
      // a start that read files writes the cache ~2 s after the load and collects the garbage as the write ends
      await client.until(
        () => {
          const now = cacheWritten();
          return now !== undefined && now !== before;
        },
        'the index cache to be written',
        120_000,
      );
    } else {
      // no event to wait for: a start from the cache collects on a timer, 1 s after the load
      await sleep(settleMs);
    }
    // and after the second collection a few seconds later, which gives back the young generation's grown space
    await sleep(SECOND_COLLECTION_MS + 1000);
    const stats = await client.connection.sendRequest(STATS_REQUEST);
    return {
      readyMs,
      progressEndMs,
      serverIndexMs,
      rssAtReadyMB,
      cpuAtReadyMs,
      rssMB: rssMB(client.process.pid!),
      heapUsedMB: stats.heapUsed / MB,
      articles: stats.articles,
    };
  } finally {
    await client.stop();
  }
}

/**
 * When a build's index cache of `learn` was last written. With a temp folder of
 * its own, any file there counts: another checkout may name its cache differently.
 */
function cacheStamp(build: Build, learn: string): () => number | undefined {
  if (build.tmp) return () => newestWrite(build.tmp!);
  const cache = cacheFileOf(defaultCacheDir(), toSlash(learn));
  return () => fs.statSync(cache, { throwIfNoEntry: false })?.mtimeMs;
}

/** Removes the server's persistent index cache of a learn folder, so the next start is cold. */
export function clearIndexCache(learn: string, build: Build = THIS_BUILD): void {
  if (build.tmp) {
    // the build's own temp folder holds nothing else worth keeping
    fs.rmSync(build.tmp, { recursive: true, force: true });
    fs.mkdirSync(build.tmp, { recursive: true });
  } else fs.rmSync(cacheFileOf(defaultCacheDir(), toSlash(path.resolve(learn))), { force: true });
}

/** Sets the modification time of every `1/fraction`-th file to now (as an edit or a checkout would). */
export function touchFiles(learn: string, fraction: number): number {
  const locations = listArticles(learn);
  const now = new Date();
  let n = 0;
  for (let i = 0; i < locations.length; i += Math.round(1 / fraction), n++) fs.utimesSync(locations[i].path, now, now);
  return n;
}

/** A small deterministic PRNG, so runs compare. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function pick<T>(items: T[], n: number, rnd: () => number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n && items.length > 0; i++) out.push(items[Math.floor(rnd() * items.length)]);
  return out;
}

/** Time until the server publishes diagnostics for `uri` again (a new array each time). */
async function nextPublish(client: TestClient, uris: string[], act: () => Promise<void>): Promise<number> {
  const before = uris.map((u) => client.diagnostics.get(u));
  const start = performance.now();
  await act();
  await client.until(() => uris.every((u, i) => client.diagnostics.get(u) !== before[i]), 'diagnostics', 60_000);
  return performance.now() - start;
}

/** The line and UTF-16 column just inside a folded or plain value starting on `key`'s line. */
function valueLine(text: string, key: RegExp): { line: number; text: string } | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => key.test(l));
  if (at === -1) return undefined;
  const folded = /:\s*>-\s*\r?$/.test(lines[at]);
  const line = folded ? at + 1 : at;
  return { line, text: lines[line].replace(/\r$/, '') };
}

export interface Latencies {
  /** In an article open for a moment. */
  completion: number[];
  /** At once after opening an article. */
  completionAfterOpen: number[];
  /**
   * An empty request (`quicktakes/stats`) in the rhythm of `completion`: after the same pause, twice. What any
   * request costs here, waking both processes and crossing the pipe: the floor under completion's times.
   */
  emptyRequest: number[];
  completionFirst: number;
  completionItems: number;
  diagnosticsEdit: number[];
  titleChange: number[];
  titleReferrers: number;
  /** The suggestion index the first completion starts: its build (server log) and until it was ready. */
  suggestionIndexMs: number;
  suggestionIndexWallMs: number;
}

/** How long an article is open before the requests "while typing" (a pause between keystrokes). */
const TYPING_PAUSE_MS = 150;

/** Completion, diagnostics after an edit, and after a title change many articles follow, on one warm server. */
export async function latencies(
  workspace: string,
  corpus: Corpus,
  options: { completions: number; edits: number; titleChanges: number; seed?: number },
  build: Build = THIS_BUILD,
): Promise<Latencies> {
  const { client } = await startServer(workspace, undefined, build);
  const rnd = random(options.seed ?? 7);
  try {
    // code actions on an article (an author clicking into it) start the suggestion index (core/authoring/suggest.ts),
    // built in the background in short slices (core/loading/slices.ts); completion ranks by it once
    // built: measure once it is built (its time is reported)
    // (an article with a free related slot: the code action that starts the index is offered only there)
    const first = [...corpus.articles()].find((a) => a.links.some((l) => l.idRange) && a.links.length < 5)!;
    const firstUri = await client.open(first.path, fs.readFileSync(first.path, 'utf8'));
    const started = performance.now();
    await client.completion(firstUri, first.links.find((l) => l.idRange)!.idRange!.end);
    const whole = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    await client.codeActions(firstUri, whole, []);
    const built = /suggestion index of \d+ articles built in (\d+) ms/;
    const log = () =>
      client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    await client.until(() => log().some((m) => built.test(m)), 'the suggestion index', 300_000);
    const suggestionIndexMs = Number(built.exec(log().find((m) => built.test(m))!)![1]);
    const suggestionIndexWallMs = performance.now() - started;
    await client.close(firstUri);
    // completion at the id of a related slot, in articles all over the corpus
    const withLinks = [...corpus.articles()].filter((a) => a.links.some((l) => l.idRange));
    const completion: number[] = [];
    let completionFirst = NaN;
    let completionItems = 0;
    const completionAfterOpen: number[] = [];
    const request = async (uri: string, position: Position) => {
      const start = performance.now();
      const list = await client.completion(uri, position);
      completionItems += Array.isArray(list) ? list.length : (list?.items.length ?? 0);
      return performance.now() - start;
    };
    for (const a of pick(withLinks, Math.ceil(options.completions / 2), rnd)) {
      const uri = await client.open(a.path, fs.readFileSync(a.path, 'utf8'));
      const range = a.links.find((l) => l.idRange)!.idRange!;
      // at once after opening (the server's work on a newly opened article is still queued)…
      const first = await request(uri, range.end);
      if (Number.isNaN(completionFirst)) completionFirst = first;
      else completionAfterOpen.push(first);
      // …and in an article open for a moment, as while typing in a slot
      await sleep(TYPING_PAUSE_MS);
      for (const position of [range.end, { line: range.start.line, character: range.start.character + 1 }])
        completion.push(await request(uri, position));
      await client.close(uri);
    }
    const emptyRequest: number[] = [];
    for (let i = 0; i < completion.length / 2; i++) {
      await sleep(TYPING_PAUSE_MS);
      for (let k = 0; k < 2; k++) {
        const start = performance.now();
        await client.connection.sendRequest(STATS_REQUEST);
        emptyRequest.push(performance.now() - start);
      }
    }

    // a one-character edit in the answer of an open article with related links
    const host = pick(withLinks, 1, rnd)[0];
    const hostText = fs.readFileSync(host.path, 'utf8');
    const hostUri = await client.open(host.path, hostText);
    await client.diagnosticsOf(hostUri);
    const answer = valueLine(hostText, /^answer:/)!;
    const diagnosticsEdit: number[] = [];
    for (let i = 0; i < options.edits; i++) {
      const at: Position = { line: answer.line, character: 10 };
      const range = { start: at, end: { line: at.line, character: at.character + 1 } };
      const char = i % 2 === 0 ? 'x' : answer.text[10];
      diagnosticsEdit.push(await nextPublish(client, [hostUri], () => client.change(hostUri, char, range)));
    }
    await client.close(hostUri);

    // the title of the article most others link to (up to 50 of them open)
    const target = mostLinked(corpus);
    const referrers = [...corpus.referrersOf(target)].filter((p) => p !== target.path).slice(0, 50);
    const referrerUris: string[] = [];
    for (const p of referrers) referrerUris.push(await client.open(p, fs.readFileSync(p, 'utf8')));
    const targetText = fs.readFileSync(target.path, 'utf8');
    const targetUri = await client.open(target.path, targetText);
    await client.until(() => [...referrerUris, targetUri].every((u) => client.diagnostics.has(u)), 'first diagnostics', 60_000);
    const title = valueLine(targetText, /^title:/)!;
    const titleChange: number[] = [];
    for (let i = 0; i < options.titleChanges; i++) {
      const end = title.text.length;
      const edit =
        i % 2 === 0
          ? { range: { start: { line: title.line, character: end }, end: { line: title.line, character: end } }, text: '!' }
          : { range: { start: { line: title.line, character: end }, end: { line: title.line, character: end + 1 } }, text: '' };
      titleChange.push(await nextPublish(client, referrerUris, () => client.change(targetUri, edit.text, edit.range)));
    }
    return {
      completion,
      completionAfterOpen,
      emptyRequest,
      completionFirst,
      completionItems,
      diagnosticsEdit,
      titleChange,
      titleReferrers: referrerUris.length,
      suggestionIndexMs,
      suggestionIndexWallMs,
    };
  } finally {
    await client.stop();
  }
}

function mostLinked(corpus: Corpus): Article {
  let best: Article | undefined;
  let most = -1;
  for (const a of corpus.articles()) {
    if (a.title === undefined) continue;
    const n = corpus.referrersOf(a).size;
    if (n > most) [best, most] = [a, n];
  }
  return best!;
}

export interface Responsiveness {
  /** Request round trips (completion and hover in an open article) sent while the server was indexing. */
  duringIndexing: number[];
  readyMs: number;
}

/** Whether the server keeps answering while it indexes: requests every 50 ms from the start to the ready signal. */
export async function responsiveness(workspace: string, article: Article, build: Build = THIS_BUILD): Promise<Responsiveness> {
  const started = performance.now();
  const client = new TestClient(undefined, { server: build.server, env: envOf(build) });
  const duringIndexing: number[] = [];
  try {
    await client.initialize(workspace);
    const uri = await client.open(article.path, fs.readFileSync(article.path, 'utf8'));
    const id = article.links.find((l) => l.idRange)?.idRange?.end ?? { line: 1, character: 0 };
    const title = { line: 4, character: 2 };
    while (!isReady(client)) {
      for (const request of [() => client.completion(uri, id), () => client.hover(uri, title)]) {
        const start = performance.now();
        await request();
        if (!isReady(client)) duringIndexing.push(performance.now() - start);
      }
      await sleep(50);
    }
    return { duringIndexing, readyMs: performance.now() - started };
  } finally {
    await client.stop();
  }
}
