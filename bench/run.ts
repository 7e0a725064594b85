/**
 * `npm run bench`: the performance of indexing, the language server and lint on
 * the real corpus (extracted from the shared corpus folder beside the project,
 * or `--corpus DIR`), against the floor (reading every file) and naive baselines
 * (`yaml`, gray-matter), with the targets of docs/performance.md checked.
 * `--scale 10` adds a synthetic ×10 corpus.
 * `--compare DIR` measures another checkout's build (its `dist/` and
 * `bin/quicktakes`) in the same run, interleaved with this tree's, and prints
 * the two side by side with the ratio new/old.
 * Prints a table; writes bench/results/latest.json.
 *
 *   npm run bench -- [--corpus DIR] [--reps N] [--quick] [--scale 10] [--compare DIR] [--out FILE]
 */
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCorpusSync } from '../server/src/core/loading/workspace';
import { PROJECT_ROOT, realCorpus } from '../test/support/corpus';
import { buildAt, envOf, type Build } from './lib/build';
import { stats, type Stats } from './lib/stats';
import {
  clearIndexCache,
  idleNodeRssMB,
  latencies,
  responsiveness,
  serverStart,
  touchFiles,
  type Latencies,
  type ServerStart,
} from './lib/server';
import { synthesize } from './synth';

interface Options {
  corpus?: string;
  reps: number;
  quick: boolean;
  scale?: number;
  /** Another checkout's root, with a built `dist/` and `bin/quicktakes`: the old build. */
  compare?: string;
  out: string;
}

function parse(argv: string[]): Options {
  const o: Options = { reps: 5, quick: false, out: path.join(PROJECT_ROOT, 'bench/results/latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') o.corpus = argv[++i];
    else if (a === '--reps') o.reps = Number(argv[++i]);
    else if (a === '--quick') o.quick = true;
    else if (a === '--scale') o.scale = Number(argv[++i]);
    else if (a === '--out') o.out = argv[++i];
    else if (a === '--compare') o.compare = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (o.quick) o.reps = Math.min(o.reps, 2);
  return o;
}

/**
 * The `learn` folder of a corpus folder given as the repository root, `content`, or `learn` itself; absolute (the
 * server is handed a workspace URI, which a relative path does not make).
 */
function learnOf(dir: string): string {
  dir = path.resolve(dir);
  for (const c of [path.join(dir, 'content/learn'), path.join(dir, 'learn'), dir])
    if (fs.existsSync(c) && path.basename(c) === 'learn') return c;
  throw new Error(`${dir} has no content/learn folder`);
}

/** A file named `name` under `dir` (the other checkout's sources may sit in other folders). */
function findFile(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const hit = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).find((e) => e.isFile() && e.name === name);
  return hit && path.join(hit.parentPath, hit.name);
}

/**
 * bench/lib/tasks.ts bundled as the product is (with the indexing and read-ahead
 * workers beside it), so the core runs as shipped rather than through tsx's on-the-fly compiler.
 * Each build's from its own tree, whose bench imports its own core; a tree
 * without those sources has its in-process rows left out (the reason is returned).
 */
function buildTasks(b: Build): { script?: string; reason?: string } {
  const tasks = path.join(b.root, 'bench/lib/tasks.ts');
  if (!fs.existsSync(tasks)) return { reason: `${b.root} has no bench/lib/tasks.ts (no source tree)` };
  const workers: Record<string, string> = {};
  for (const w of ['index-worker', 'read-worker']) {
    const found = findFile(path.join(b.root, 'server/src'), `${w}.ts`);
    if (!found) return { reason: `${b.root} has no server/src/**/${w}.ts` };
    workers[w] = found;
  }
  const out = path.join(os.tmpdir(), `quicktakes-bench-build-${b.name}`);
  try {
    esbuild.buildSync({
      entryPoints: { tasks, ...workers },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outdir: out,
      logLevel: 'silent',
    });
  } catch (e) {
    return { reason: `bundling ${tasks} failed: ${String(e).split('\n')[0]}` };
  }
  return { script: path.join(out, 'tasks.js') };
}

const tasksScripts = new Map<Build, { script?: string; reason?: string }>();

/** Runs a task of bench/lib/tasks.ts in fresh processes; the in-process times. */
interface TaskResult {
  stats: Stats;
  /** CPU time of all threads, and of the main thread. */
  cpu: Stats;
  mainCpu: Stats;
  heapMB?: number;
}

/** The builds' medians for the log: `123 ms` or `new 123 ms, old 130 ms`. */
function medians(builds: Build[], of: (b: Build) => number | undefined): string {
  const one = (b: Build) => {
    const v = of(b);
    return v === undefined ? 'n/a' : `${v.toFixed(0)} ms`;
  };
  return builds.length === 1 ? one(builds[0]) : builds.map((b) => `${b.name} ${one(b)}`).join(', ');
}

/**
 * A task, `reps` times per build, the builds taking turns. A build whose tasks
 * could not be built, or whose tasks.ts lacks this one, gets no result (the first build must).
 */
function task(name: string, learn: string, reps: number, builds: Build[], log: (s: string) => void): Map<Build, TaskResult> {
  const runs = new Map<Build, { times: number[]; cpu: number[]; mainCpu: number[]; heapMB?: number }>();
  const failed = new Set<Build>();
  for (const b of builds) {
    if (!tasksScripts.has(b)) tasksScripts.set(b, buildTasks(b));
    if (!tasksScripts.get(b)!.script) {
      if (b === builds[0]) throw new Error(tasksScripts.get(b)!.reason);
      failed.add(b);
    } else runs.set(b, { times: [], cpu: [], mainCpu: [] });
  }
  for (let i = 0; i < reps; i++) {
    for (const b of builds) {
      const run = runs.get(b);
      if (!run || failed.has(b)) continue;
      const r = spawnSync(process.execPath, ['--expose-gc', tasksScripts.get(b)!.script!, name, learn], {
        cwd: b.root,
        env: envOf(b),
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) {
        if (b === builds[0]) throw new Error(`task ${name} failed: ${r.stderr}`);
        log(`  task ${name} failed for ${b.name}: ${r.stderr.trim().split('\n')[0]}`);
        failed.add(b);
        continue;
      }
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; mainCpuMs: number; heapMB?: number };
      run.times.push(out.ms);
      run.cpu.push(out.cpuMs);
      run.mainCpu.push(out.mainCpuMs);
      run.heapMB = out.heapMB ?? run.heapMB;
    }
  }
  const results = new Map<Build, TaskResult>();
  for (const [b, run] of runs)
    if (!failed.has(b)) results.set(b, { stats: stats(run.times), cpu: stats(run.cpu), mainCpu: stats(run.mainCpu), heapMB: run.heapMB });
  log(`  ${name}: median ${medians(builds, (b) => results.get(b)?.stats.median)}`);
  return results;
}

interface LintResult {
  stats: Stats;
  peakRssMB?: number;
  cpuMs: number[];
}

/**
 * `quicktakes lint <learn> --format json` as a process: wall time and peak RSS
 * (GNU time, when installed), `reps` times per build, the builds taking turns.
 * With `cached`: `--cache` in a folder per build, after one run that fills it.
 */
function lintRuns(learn: string, reps: number, builds: Build[], log: (s: string) => void, cached = false): Map<Build, LintResult> {
  const gnuTime = fs.existsSync('/usr/bin/time');
  const cacheDirs = new Map(builds.map((b) => [b, cached ? fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-bench-lint-cache-')) : '']));
  const argsOf = (b: Build) => [
    b.bin,
    'lint',
    learn,
    '--format',
    'json',
    ...(cached ? ['--cache', '--cache-location', cacheDirs.get(b)!] : []),
  ];
  const runs = new Map(builds.map((b) => [b, { times: [] as number[], cpuMs: [] as number[], peak: undefined as number | undefined }]));
  try {
    if (cached) for (const b of builds) spawnSync(process.execPath, argsOf(b), { stdio: 'ignore', env: envOf(b) });
    for (let i = 0; i < reps; i++) {
      for (const b of builds) {
        const run = runs.get(b)!;
        const start = performance.now();
        const r = gnuTime
          ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, ...argsOf(b)], {
              stdio: ['ignore', 'ignore', 'pipe'],
              encoding: 'utf8',
              env: envOf(b),
            })
          : spawnSync(process.execPath, argsOf(b), { stdio: 'ignore', env: envOf(b) });
        run.times.push(performance.now() - start);
        if (r.status !== 0 && r.status !== 1) throw new Error(`lint (${b.name}) failed (${r.status}): ${r.stderr}`);
        const m = gnuTime ? /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
        if (m) {
          run.peak = Math.max(run.peak ?? 0, Number(m[1]) / 1024);
          run.cpuMs.push((Number(m[2]) + Number(m[3])) * 1000);
        }
      }
    }
  } finally {
    for (const dir of cacheDirs.values()) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  const results = new Map([...runs].map(([b, r]) => [b, { stats: stats(r.times), peakRssMB: r.peak, cpuMs: r.cpuMs }]));
  log(`  lint${cached ? ' (cached)' : ''}: median ${medians(builds, (b) => results.get(b)!.stats.median)}`);
  return results;
}

interface Row {
  key: string;
  label: string;
  unit: 'ms' | 'MB';
  stats?: Stats;
  value?: number;
  /** A CPU time (ratios are to the floor's and the baseline's CPU time). */
  cpu?: boolean;
  /** Which statistic the target is about. */
  use?: 'median' | 'p95';
  target?: string;
  met?: boolean;
  note?: string;
  ratioToFloor?: number;
  ratioToYaml?: number;
  /** The same measurement of the compared (old) build. */
  old?: { stats?: Stats; value?: number };
}

interface ScaleResult {
  scale: number;
  files: number;
  rows: Row[];
  /** Why rows were measured for the first build only. */
  notCompared: string[];
}

/** The samples' statistics, when every sample was taken. */
function statsOf(samples: (number | undefined)[]): Stats | undefined {
  return samples.length > 0 && samples.every((x) => x !== undefined) ? stats(samples as number[]) : undefined;
}

/** Several latency sessions of one build as one. */
function merged(sessions: Latencies[]): Latencies {
  const all = (k: 'completion' | 'completionAfterOpen' | 'emptyRequest' | 'diagnosticsEdit' | 'titleChange') =>
    sessions.flatMap((s) => s[k]);
  const mid = (k: 'completionFirst' | 'suggestionIndexMs' | 'suggestionIndexWallMs') => stats(sessions.map((s) => s[k])).median;
  return {
    completion: all('completion'),
    completionAfterOpen: all('completionAfterOpen'),
    emptyRequest: all('emptyRequest'),
    diagnosticsEdit: all('diagnosticsEdit'),
    titleChange: all('titleChange'),
    completionFirst: mid('completionFirst'),
    suggestionIndexMs: mid('suggestionIndexMs'),
    suggestionIndexWallMs: mid('suggestionIndexWallMs'),
    completionItems: sessions.reduce((n, s) => n + s.completionItems, 0),
    titleReferrers: sessions[0].titleReferrers,
  };
}

async function measure(learn: string, o: Options, scale: number, builds: Build[], log: (s: string) => void): Promise<ScaleResult> {
  const reps = o.reps;
  const slowReps = Math.max(1, Math.min(reps, o.quick ? 1 : 3));
  const [main, other] = builds;
  const files = fs
    .readdirSync(learn)
    .reduce((n, s) => n + (fs.statSync(path.join(learn, s)).isDirectory() ? fs.readdirSync(path.join(learn, s)).length : 0), 0);
  log(`${scale}× corpus: ${files} files in ${learn}`);
  const rows: Row[] = [];
  const notCompared: string[] = [];
  /** A row of the first build, with the compared build's measurement beside it. */
  const add = (
    key: string,
    label: string,
    unit: Row['unit'],
    of: (b: Build) => Stats | number | undefined,
    extra: Partial<Row> = {},
    always = false,
  ) => {
    const split = (x: Stats | number | undefined) => (typeof x === 'number' ? { value: x } : x ? { stats: x } : undefined);
    const mine = split(of(main));
    if (!mine && !always) return;
    const theirs = other ? split(of(other)) : undefined;
    rows.push({ key, label, unit, ...mine, ...(theirs ? { old: theirs } : {}), ...extra });
  };

  // the floor and the naive baselines measure the machine, not the product: this tree's only
  // (the floor is cheap: more repetitions, so that one disturbed run does not move its median; every ratio uses it)
  const floor = task('floor', learn, Math.max(reps, 9), [main], log).get(main)!;
  rows.push({ key: 'floor', label: 'floor: read every file (utf8)', unit: 'ms', stats: floor.stats });
  rows.push({
    key: 'floorBytes',
    label: 'read every file (bytes, no decoding)',
    unit: 'ms',
    stats: task('floor-bytes', learn, reps, [main], log).get(main)!.stats,
  });
  const baselineReps = scale === 1 ? slowReps : 1;
  const yaml = task('yaml', learn, baselineReps, [main], log).get(main)!;
  rows.push({ key: 'yaml', label: 'baseline: yaml parseDocument of each front matter', unit: 'ms', stats: yaml.stats });
  if (scale === 1)
    rows.push({
      key: 'grayMatter',
      label: 'baseline: gray-matter of each file',
      unit: 'ms',
      stats: task('gray-matter', learn, baselineReps, [main], log).get(main)!.stats,
    });

  const index = task('index', learn, reps, builds, log);
  const serial = task('index-serial', learn, reps, builds, log);
  if (other && !index.has(other))
    notCompared.push(
      `in-process core rows (cold index, CPU, core heap): ${tasksScripts.get(other)?.reason ?? 'its tasks failed'}; only the rows that run its built dist/ (server over stdio, CLI) are compared`,
    );
  add('coreIndex', 'cold index, core (loadCorpusSync)', 'ms', (b) => index.get(b)?.stats);
  add('coreIndexSerial', 'cold index, core, one thread', 'ms', (b) => serial.get(b)?.stats);
  // CPU time: what the wall times would be on an idle machine (main thread: the critical path with workers)
  rows.push({ key: 'floorCpu', label: 'CPU: floor', unit: 'ms', stats: floor.cpu, cpu: true });
  add('coreIndexMainCpu', 'CPU: cold index, main thread', 'ms', (b) => index.get(b)?.mainCpu, { cpu: true });
  add('coreIndexCpu', 'CPU: cold index, all threads', 'ms', (b) => index.get(b)?.cpu, { cpu: true });
  add('coreIndexSerialCpu', 'CPU: cold index, one thread', 'ms', (b) => serial.get(b)?.cpu, { cpu: true });
  rows.push({ key: 'yamlCpu', label: 'CPU: yaml baseline', unit: 'ms', stats: yaml.cpu, cpu: true });
  add('coreHeap', 'core heap used after index (after GC)', 'MB', (b) => index.get(b)?.heapMB, {}, true);

  const workspace = path.dirname(path.dirname(learn));
  const perBuild = <T>(make: () => T) => new Map(builds.map((b) => [b, make()]));
  const servers = perBuild<ServerStart[]>(() => []);
  for (let i = 0; i < slowReps; i++)
    for (const b of builds) {
      clearIndexCache(learn, b);
      servers.get(b)!.push(await serverStart(workspace, true, b));
    }
  log(`  server cold: median ${medians(builds, (b) => stats(servers.get(b)!.map((s) => s.readyMs)).median)}`);
  const ms = (key: string, label: string, samples: (s: ServerStart) => number | undefined, of = servers) =>
    add(key, label, 'ms', (b) => statsOf(of.get(b)!.map(samples)));
  ms('serverReady', 'cold index, server process: spawn → ready', (s) => s.readyMs);
  ms('serverProgressEnd', 'server: spawn → $/progress end', (s) => s.progressEndMs);
  ms('serverIndex', 'server: indexing (its own log)', (s) => s.serverIndexMs);
  // warm starts: from the cache the last cold start (of the same build) wrote, then with 1% of the files touched
  const warm = perBuild<ServerStart[]>(() => []);
  for (let i = 0; i < slowReps; i++) for (const b of builds) warm.get(b)!.push(await serverStart(workspace, false, b));
  const touched = touchFiles(learn, 0.01);
  const afterTouch = perBuild<ServerStart[]>(() => []);
  for (const b of builds) afterTouch.get(b)!.push(await serverStart(workspace, true, b));
  log(`  server warm: median ${medians(builds, (b) => stats(warm.get(b)!.map((s) => s.readyMs)).median)}`);
  ms('warmReady', 'warm start (index cache), server: spawn → ready', (s) => s.readyMs, warm);
  ms('warmIndex', 'warm start: indexing (its own log)', (s) => s.serverIndexMs, warm);
  ms('touchedIndex', `warm start after touching 1% (${touched} files): indexing`, (s) => s.serverIndexMs, afterTouch);
  const cpu = (key: string, label: string, of: Map<Build, ServerStart[]>) =>
    add(key, label, 'ms', (b) => statsOf(of.get(b)!.map((s) => (Number.isNaN(s.cpuAtReadyMs) ? undefined : s.cpuAtReadyMs))), {
      cpu: true,
    });
  cpu('serverReadyCpu', 'CPU: server, spawn → ready (cold start, all threads)', servers);
  cpu('warmReadyCpu', 'CPU: server, spawn → ready (warm start, all threads)', warm);

  const idle = await idleNodeRssMB();
  const rss = (b: Build) => stats(servers.get(b)!.map((s) => s.rssMB)).median;
  const mb = (key: string, label: string, value: (b: Build) => number) => add(key, label, 'MB', value);
  rows.push({ key: 'idleNodeRss', label: 'idle node process RSS', unit: 'MB', value: idle });
  mb('serverRssAtReady', 'server RSS at ready (cold start)', (b) => stats(servers.get(b)!.map((s) => s.rssAtReadyMB)).median);
  mb('serverRss', 'server RSS after index, settled (cold start)', rss);
  mb('serverRssAboveIdle', 'server RSS after index − idle node', (b) => rss(b) - idle);
  mb('warmRss', 'server RSS after a warm start, settled', (b) => stats(warm.get(b)!.map((s) => s.rssMB)).median);
  mb('serverHeap', 'server heap used after index', (b) => stats(servers.get(b)!.map((s) => s.heapUsedMB)).median);

  if (scale === 1) {
    const corpus = loadCorpusSync(learn);
    // one server session per build and round: comparing, two rounds of half the requests, so both builds see the load twice
    const rounds = other && !o.quick ? 2 : 1;
    const sessions = perBuild<Latencies[]>(() => []);
    for (let r = 0; r < rounds; r++)
      for (const b of builds)
        sessions.get(b)!.push(
          await latencies(
            workspace,
            corpus,
            {
              completions: Math.ceil((o.quick ? 60 : 300) / rounds),
              edits: Math.ceil((o.quick ? 20 : 100) / rounds),
              titleChanges: Math.ceil((o.quick ? 4 : 10) / rounds),
              seed: 7 + r,
            },
            b,
          ),
        );
    const l = new Map([...sessions].map(([b, s]) => [b, merged(s)]));
    const first = l.get(main)!;
    log(`  latencies measured`);
    add(
      'completion',
      `completion at related_articleN.id, article open (${first.completion.length} requests, ~${Math.round(first.completionItems / (first.completion.length + first.completionAfterOpen.length + rounds))} items)`,
      'ms',
      (b) => stats(l.get(b)!.completion),
    );
    add('completionAfterOpen', `completion at once after opening the article (${first.completionAfterOpen.length} requests)`, 'ms', (b) =>
      stats(l.get(b)!.completionAfterOpen),
    );
    add('emptyRequest', `an empty request, in the same rhythm: what any round trip costs (${first.emptyRequest.length})`, 'ms', (b) =>
      stats(l.get(b)!.emptyRequest),
    );
    add('completionFirst', 'completion: first request (after the suggestion index)', 'ms', (b) => l.get(b)!.completionFirst);
    add(
      'suggestionIndex',
      'suggestion index (built in the background after the first code action)',
      'ms',
      (b) => l.get(b)!.suggestionIndexMs,
    );
    add('diagnosticsEdit', 'diagnostics after a one-character edit', 'ms', (b) => stats(l.get(b)!.diagnosticsEdit));
    add('titleChange', `diagnostics of ${first.titleReferrers} open referrers after a title change`, 'ms', (b) =>
      stats(l.get(b)!.titleChange),
    );
  } else {
    const corpus = loadCorpusSync(learn);
    const probe = [...corpus.articles()].find((a) => a.links.length > 0)!;
    const r = new Map<Build, number[]>();
    for (const b of builds) {
      clearIndexCache(learn, b); // requests while a cold index runs
      r.set(b, (await responsiveness(workspace, probe, b)).duringIndexing);
    }
    log(`  responsiveness measured (${r.get(main)!.length} requests while indexing)`);
    add(
      'requestsWhileIndexing',
      `completion/hover while indexing (${r.get(main)!.length} requests)`,
      'ms',
      (b) => (r.get(b)!.length ? stats(r.get(b)!) : undefined),
      {},
      true,
    );
  }

  const lint = lintRuns(learn, slowReps, builds, log);
  add('lint', 'quicktakes lint (whole corpus, json)', 'ms', (b) => lint.get(b)!.stats);
  add('lintPeakRss', 'quicktakes lint peak RSS', 'MB', (b) => lint.get(b)!.peakRssMB);
  add('lintCpu', 'CPU: quicktakes lint, all threads', 'ms', (b) => statsOf(lint.get(b)!.cpuMs), { cpu: true });
  const cached = lintRuns(learn, slowReps, builds, log, true);
  add('lintCached', 'quicktakes lint --cache, nothing changed', 'ms', (b) => cached.get(b)!.stats);

  addRatios(rows);
  checkTargets(rows, scale);
  return { scale, files, rows, notCompared };
}

function addRatios(rows: Row[]): void {
  const median = (k: string) => rows.find((r) => r.key === k)!.stats!.median;
  for (const r of rows) {
    if (r.unit !== 'ms' || !r.stats) continue;
    r.ratioToFloor = r.stats.median / median(r.cpu ? 'floorCpu' : 'floor');
    r.ratioToYaml = r.stats.median / median(r.cpu ? 'yamlCpu' : 'yaml');
  }
}

/** The targets (docs/performance.md), checked on this machine: at 1×, and the few that are set for ×10. */
function checkTargets(rows: Row[], scale: number): void {
  const get = (k: string) => rows.find((r) => r.key === k);
  const set = (k: string, target: string, met: (value: number) => boolean, use: Row['use'] = 'median') => {
    const r = get(k);
    const value = use === 'p95' ? r?.stats?.p95 : (r?.stats?.median ?? r?.value);
    if (r && value !== undefined) Object.assign(r, { target, met: met(value), use });
  };
  const floor = get('floor')!.stats!.median;
  if (scale === 1) {
    set('coreIndex', `≤ 1.5× floor (${(1.5 * floor).toFixed(0)})`, (v) => v <= 1.5 * floor);
    set('serverReady', `≤ 2× floor (${(2 * floor).toFixed(0)})`, (v) => v <= 2 * floor);
    set('warmIndex', '≤ 200 ms', (v) => v <= 200);
    set('completion', 'p95 ≤ 3 ms', (v) => v <= 3, 'p95');
    set('diagnosticsEdit', 'p95 ≤ 5 ms', (v) => v <= 5, 'p95');
    set('lint', '≤ 2000 ms', (v) => v <= 2000);
    set('lintCached', '≤ 600 ms', (v) => v <= 600);
    set('serverRssAboveIdle', '≤ 100 MB', (v) => v <= 100);
  } else {
    set('warmIndex', '≤ 2000 ms', (v) => v <= 2000);
    set('requestsWhileIndexing', 'p95 ≤ 10 ms', (v) => v <= 10, 'p95');
    set('lint', '≤ 15000 ms', (v) => v <= 15_000);
    set('lintPeakRss', '≤ 800 MB', (v) => v <= 800);
    set('serverRssAboveIdle', '≤ 350 MB', (v) => v <= 350);
  }
}

const fmt = (n: number | undefined, unit: string) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : unit === 'MB' ? n.toFixed(1) : n < 10 ? n.toFixed(2) : n.toFixed(0);

function table(result: ScaleResult): string {
  const head = ['', 'unit', 'min', 'median', 'max', 'p95', '× floor', '× yaml', 'target'];
  const lines = result.rows.map((r) => {
    const s = r.stats;
    const ratio = (x?: number) => (x === undefined ? '' : x < 0.1 ? x.toFixed(3) : x.toFixed(2));
    const target = r.target ? `${r.met ? 'met' : 'NOT met'}: ${r.target}` : '';
    return [
      r.label,
      r.unit,
      fmt(s?.min, r.unit),
      fmt(s ? s.median : r.value, r.unit),
      fmt(s?.max, r.unit),
      s && s.n >= 20 ? fmt(s.p95, r.unit) : '',
      ratio(r.ratioToFloor),
      ratio(r.ratioToYaml),
      target,
    ];
  });
  const rows = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(line)].join('\n');
}

function growth(one: ScaleResult, many: ScaleResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of many.rows) {
    const base = one.rows.find((x) => x.key === r.key);
    const a = base?.stats?.median ?? base?.value;
    const b = r.stats?.median ?? r.value;
    if (a && b) out[r.key] = b / a;
  }
  return out;
}

/** The rows measured for both builds, side by side: medians (p95 from 20 samples) and new/old. */
function compareTable(result: ScaleResult): string {
  const head = ['', 'unit', 'new', 'old', 'new/old', 'new p95', 'old p95', 'new/old p95'];
  const ratio = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? '' : (a / b).toFixed(2));
  const lines = result.rows
    .filter((r) => r.old)
    .map((r) => {
      const [s, t] = [r.stats, r.old!.stats];
      const [a, b] = [s ? s.median : r.value, t ? t.median : r.old!.value];
      const p95 = s && t && s.n >= 20 && t.n >= 20;
      return [
        r.label,
        r.unit,
        fmt(a, r.unit),
        fmt(b, r.unit),
        ratio(a, b),
        p95 ? fmt(s.p95, r.unit) : '',
        p95 ? fmt(t.p95, r.unit) : '',
        p95 ? ratio(s.p95, t.p95) : '',
      ];
    });
  const rows = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(line)].join('\n');
}

function printComparison(result: ScaleResult, builds: Build[], commits: string[]): void {
  console.log(
    `\n${result.scale}× corpus, new = ${builds[0].root} (${commits[0]}) vs old = ${builds[1].root} (${commits[1]}), interleaved in this run\n`,
  );
  console.log(compareTable(result));
  console.log('\nnot compared: the floor and the yaml/gray-matter baselines (they measure the machine: this tree only), idle node RSS');
  for (const n of result.notCompared) console.log(`not compared: ${n}`);
}

function commitOf(dir: string): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'not a git checkout';
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const learn = learnOf(o.corpus ?? realCorpus());
  const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: load(),
    loadAverageAfter: [] as number[],
  };
  if (machine.loadAverageBefore[0] > 1.5)
    log(`note: load average ${machine.loadAverageBefore[0]}: other work on this machine will inflate the figures`);
  const commit = commitOf(PROJECT_ROOT);
  // each build's processes get a temp folder (so an index cache) of their own
  const tmp = path.join(os.tmpdir(), 'quicktakes-bench-tmp');
  const builds = [buildAt(PROJECT_ROOT, 'new', path.join(tmp, 'new'))];
  if (o.compare) builds.push(buildAt(o.compare, 'old', path.join(tmp, 'old')));
  const commits = builds.map((b) => commitOf(b.root));
  if (o.compare) log(`comparing new = ${builds[0].root} (${commits[0]}) with old = ${builds[1].root} (${commits[1]}), interleaved`);

  const one = await measure(learn, o, 1, builds, log);
  console.log(`\n1× corpus (${one.files} files)\n`);
  console.log(table(one));
  if (o.compare) printComparison(one, builds, commits);

  let many: ScaleResult | undefined;
  let synth: ReturnType<typeof synthesize> | undefined;
  if (o.scale && o.scale > 1) {
    synth = synthesize(learn, path.join(os.tmpdir(), `quicktakes-bench-x${o.scale}`), o.scale);
    log(`${o.scale}× corpus ${synth.reused ? 'reused' : `written in ${Math.round(synth.ms / 1000)} s`}: ${synth.root}`);
    many = await measure(path.join(synth.root, 'content/learn'), o, o.scale, builds, log);
    console.log(`\n${o.scale}× corpus (${many.files} files)\n`);
    console.log(table(many));
    if (o.compare) printComparison(many, builds, commits);
    const g = growth(one, many);
    console.log(
      `\ngrowth ${o.scale}×/1×: ${Object.entries(g)
        .map(([k, v]) => `${k} ${v.toFixed(1)}×`)
        .join(', ')}`,
    );
  }
  machine.loadAverageAfter = load();

  const result = {
    date: new Date().toISOString(),
    commit,
    machine,
    corpus: { learn, files: one.files },
    reps: o.reps,
    ...(o.compare ? { compare: { root: builds[1].root, commit: commits[1], notCompared: one.notCompared } } : {}),
    results: Object.fromEntries(one.rows.map((r) => [r.key, r])),
    ...(many
      ? {
          [`scale${many.scale}`]: {
            files: many.files,
            synthetic: synth?.root,
            results: Object.fromEntries(many.rows.map((r) => [r.key, r])),
          },
        }
      : {}),
    ...(many ? { growth: growth(one, many) } : {}),
  };
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\nload average ${machine.loadAverageBefore[0]} → ${machine.loadAverageAfter[0]} on ${machine.cpus} cores; written ${path.relative(PROJECT_ROOT, o.out)}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
