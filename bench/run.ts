/**
 * `npm run bench`: the performance of indexing, the language server and lint on
 * the real corpus (extracted from ../shared, or `--corpus DIR`), against the
 * floor (reading every file) and naive baselines (`yaml`, gray-matter), with
 * the issue-6 targets checked. `--scale 10` adds a synthetic ×10 corpus.
 * Prints a table; writes bench/results/latest.json.
 *
 *   npm run bench -- [--corpus DIR] [--reps N] [--quick] [--scale 10] [--out FILE]
 */
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCorpusSync } from '../server/src/core/loading/workspace';
import { PROJECT_ROOT, realCorpus } from '../test/support/corpus';
import { stats, type Stats } from './lib/stats';
import { clearIndexCache, idleNodeRssMB, latencies, responsiveness, serverStart, touchFiles, type ServerStart } from './lib/server';
import { synthesize } from './synth';

interface Options {
  corpus?: string;
  reps: number;
  quick: boolean;
  scale?: number;
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
    else throw new Error(`unknown option ${a}`);
  }
  if (o.quick) o.reps = Math.min(o.reps, 2);
  return o;
}

/** The `learn` folder of a corpus folder given as the repository root, `content`, or `learn` itself. */
function learnOf(dir: string): string {
  for (const c of [path.join(dir, 'content/learn'), path.join(dir, 'learn'), dir])
    if (fs.existsSync(c) && path.basename(c) === 'learn') return c;
  throw new Error(`${dir} has no content/learn folder`);
}

const BIN = path.join(PROJECT_ROOT, 'bin/quicktakes');

/**
 * bench/lib/tasks.ts bundled as the product is (with the indexing and read-ahead
 * workers beside it), so the core runs as shipped rather than through tsx's on-the-fly compiler.
 */
function buildTasks(): string {
  const out = path.join(os.tmpdir(), 'quicktakes-bench-build');
  esbuild.buildSync({
    entryPoints: {
      tasks: path.join(PROJECT_ROOT, 'bench/lib/tasks.ts'),
      'index-worker': path.join(PROJECT_ROOT, 'server/src/core/loading/index-worker.ts'),
      'read-worker': path.join(PROJECT_ROOT, 'server/src/core/loading/read-worker.ts'),
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: out,
    logLevel: 'warning',
  });
  return path.join(out, 'tasks.js');
}

let tasksScript: string | undefined;

/** Runs a task of bench/lib/tasks.ts in fresh processes; the in-process times. */
interface TaskResult {
  stats: Stats;
  /** CPU time of all threads, and of the main thread. */
  cpu: Stats;
  mainCpu: Stats;
  heapMB?: number;
}

function task(name: string, learn: string, reps: number, log: (s: string) => void): TaskResult {
  tasksScript ??= buildTasks();
  const times: number[] = [];
  const cpu: number[] = [];
  const mainCpu: number[] = [];
  let heapMB: number | undefined;
  for (let i = 0; i < reps; i++) {
    const r = spawnSync(process.execPath, ['--expose-gc', tasksScript, name, learn], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`task ${name} failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; mainCpuMs: number; heapMB?: number };
    times.push(out.ms);
    cpu.push(out.cpuMs);
    mainCpu.push(out.mainCpuMs);
    heapMB = out.heapMB ?? heapMB;
  }
  const s = stats(times);
  log(`  ${name}: median ${s.median.toFixed(0)} ms`);
  return { stats: s, cpu: stats(cpu), mainCpu: stats(mainCpu), heapMB };
}

/**
 * `quicktakes lint <learn> --format json` as a process: wall time and peak RSS
 * (GNU time, when installed). With `cacheDir`: `--cache` there, after one run that fills it.
 */
function lintRuns(
  learn: string,
  reps: number,
  log: (s: string) => void,
  cacheDir?: string,
): { stats: Stats; peakRssMB?: number; cpuMs: number[] } {
  const times: number[] = [];
  const cpuMs: number[] = [];
  let peak: number | undefined;
  const gnuTime = fs.existsSync('/usr/bin/time');
  const args = ['lint', learn, '--format', 'json', ...(cacheDir ? ['--cache', '--cache-location', cacheDir] : [])];
  if (cacheDir) spawnSync(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, BIN, ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint failed (${r.status}): ${r.stderr}`);
    const m = gnuTime ? /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
    if (m) {
      peak = Math.max(peak ?? 0, Number(m[1]) / 1024);
      cpuMs.push((Number(m[2]) + Number(m[3])) * 1000);
    }
  }
  const s = stats(times);
  log(`  lint${cacheDir ? ' (cached)' : ''}: median ${s.median.toFixed(0)} ms`);
  return { stats: s, peakRssMB: peak, cpuMs };
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
}

interface ScaleResult {
  scale: number;
  files: number;
  rows: Row[];
}

async function measure(learn: string, o: Options, scale: number, log: (s: string) => void): Promise<ScaleResult> {
  const reps = o.reps;
  const slowReps = Math.max(1, Math.min(reps, o.quick ? 1 : 3));
  const files = fs
    .readdirSync(learn)
    .reduce((n, s) => n + (fs.statSync(path.join(learn, s)).isDirectory() ? fs.readdirSync(path.join(learn, s)).length : 0), 0);
  log(`${scale}× corpus: ${files} files in ${learn}`);
  const rows: Row[] = [];

  // the floor is cheap: more repetitions, so that one disturbed run does not move its median (every ratio uses it)
  const floor = task('floor', learn, Math.max(reps, 9), log);
  rows.push({ key: 'floor', label: 'floor: read every file (utf8)', unit: 'ms', stats: floor.stats });
  rows.push({
    key: 'floorBytes',
    label: 'read every file (bytes, no decoding)',
    unit: 'ms',
    stats: task('floor-bytes', learn, reps, log).stats,
  });
  const baselineReps = scale === 1 ? slowReps : 1;
  const yaml = task('yaml', learn, baselineReps, log);
  rows.push({ key: 'yaml', label: 'baseline: yaml parseDocument of each front matter', unit: 'ms', stats: yaml.stats });
  if (scale === 1)
    rows.push({
      key: 'grayMatter',
      label: 'baseline: gray-matter of each file',
      unit: 'ms',
      stats: task('gray-matter', learn, baselineReps, log).stats,
    });

  const index = task('index', learn, reps, log);
  rows.push({ key: 'coreIndex', label: 'cold index, core (loadCorpusSync)', unit: 'ms', stats: index.stats });
  const serial = task('index-serial', learn, reps, log);
  rows.push({ key: 'coreIndexSerial', label: 'cold index, core, one thread', unit: 'ms', stats: serial.stats });
  // CPU time: what the wall times would be on an idle machine (main thread: the critical path with workers)
  rows.push({ key: 'floorCpu', label: 'CPU: floor', unit: 'ms', stats: floor.cpu, cpu: true });
  rows.push({ key: 'coreIndexMainCpu', label: 'CPU: cold index, main thread', unit: 'ms', stats: index.mainCpu, cpu: true });
  rows.push({ key: 'coreIndexCpu', label: 'CPU: cold index, all threads', unit: 'ms', stats: index.cpu, cpu: true });
  rows.push({ key: 'coreIndexSerialCpu', label: 'CPU: cold index, one thread', unit: 'ms', stats: serial.cpu, cpu: true });
  rows.push({ key: 'yamlCpu', label: 'CPU: yaml baseline', unit: 'ms', stats: yaml.cpu, cpu: true });
  rows.push({ key: 'coreHeap', label: 'core heap used after index (after GC)', unit: 'MB', value: index.heapMB });

  const workspace = path.dirname(path.dirname(learn));
  const servers: ServerStart[] = [];
  for (let i = 0; i < slowReps; i++) {
    clearIndexCache(learn);
    servers.push(await serverStart(workspace, true));
  }
  log(`  server cold: median ${stats(servers.map((s) => s.readyMs)).median.toFixed(0)} ms`);
  const ms = (key: string, label: string, samples: (number | undefined)[]) => {
    if (samples.every((x) => x !== undefined)) rows.push({ key, label, unit: 'ms', stats: stats(samples as number[]) });
  };
  ms(
    'serverReady',
    'cold index, server process: spawn → ready',
    servers.map((s) => s.readyMs),
  );
  ms(
    'serverProgressEnd',
    'server: spawn → $/progress end',
    servers.map((s) => s.progressEndMs),
  );
  ms(
    'serverIndex',
    'server: indexing (its own log)',
    servers.map((s) => s.serverIndexMs),
  );
  // warm starts: from the cache the last cold start wrote, then with 1% of the files touched
  const warm: ServerStart[] = [];
  for (let i = 0; i < slowReps; i++) warm.push(await serverStart(workspace, false));
  const touched = touchFiles(learn, 0.01);
  const afterTouch = await serverStart(workspace, true);
  log(`  server warm: median ${stats(warm.map((s) => s.readyMs)).median.toFixed(0)} ms`);
  ms(
    'warmReady',
    'warm start (index cache), server: spawn → ready',
    warm.map((s) => s.readyMs),
  );
  ms(
    'warmIndex',
    'warm start: indexing (its own log)',
    warm.map((s) => s.serverIndexMs),
  );
  ms('touchedIndex', `warm start after touching 1% (${touched} files): indexing`, [afterTouch.serverIndexMs]);

  const idle = await idleNodeRssMB();
  const rss = stats(servers.map((s) => s.rssMB));
  const mb = (key: string, label: string, value: number) => rows.push({ key, label, unit: 'MB', value });
  mb('idleNodeRss', 'idle node process RSS', idle);
  mb('serverRssAtReady', 'server RSS at ready (cold start)', stats(servers.map((s) => s.rssAtReadyMB)).median);
  mb('serverRss', 'server RSS after index, settled (cold start)', rss.median);
  mb('serverRssAboveIdle', 'server RSS after index − idle node', rss.median - idle);
  mb('warmRss', 'server RSS after a warm start, settled', stats(warm.map((s) => s.rssMB)).median);
  mb('serverHeap', 'server heap used after index', stats(servers.map((s) => s.heapUsedMB)).median);

  if (scale === 1) {
    const corpus = loadCorpusSync(learn);
    const l = await latencies(workspace, corpus, {
      completions: o.quick ? 60 : 300,
      edits: o.quick ? 20 : 100,
      titleChanges: o.quick ? 4 : 10,
    });
    log(`  latencies measured`);
    rows.push({
      key: 'completion',
      label: `completion at related_articleN.id, article open (${l.completion.length} requests, ~${Math.round(l.completionItems / (l.completion.length + l.completionAfterOpen.length + 1))} items)`,
      unit: 'ms',
      stats: stats(l.completion),
    });
    rows.push({
      key: 'completionAfterOpen',
      label: `completion at once after opening the article (${l.completionAfterOpen.length} requests)`,
      unit: 'ms',
      stats: stats(l.completionAfterOpen),
    });
    rows.push({
      key: 'completionFirst',
      label: 'completion: first request (after the suggestion index)',
      unit: 'ms',
      value: l.completionFirst,
    });
    rows.push({
      key: 'suggestionIndex',
      label: 'suggestion index (built in the background after the first code action)',
      unit: 'ms',
      value: l.suggestionIndexMs,
    });
    rows.push({ key: 'diagnosticsEdit', label: 'diagnostics after a one-character edit', unit: 'ms', stats: stats(l.diagnosticsEdit) });
    rows.push({
      key: 'titleChange',
      label: `diagnostics of ${l.titleReferrers} open referrers after a title change`,
      unit: 'ms',
      stats: stats(l.titleChange),
    });
  } else {
    const corpus = loadCorpusSync(learn);
    const probe = [...corpus.articles()].find((a) => a.links.length > 0)!;
    clearIndexCache(learn); // requests while a cold index runs
    const r = await responsiveness(workspace, probe);
    log(`  responsiveness measured (${r.duringIndexing.length} requests while indexing)`);
    rows.push({
      key: 'requestsWhileIndexing',
      label: `completion/hover while indexing (${r.duringIndexing.length} requests)`,
      unit: 'ms',
      stats: r.duringIndexing.length ? stats(r.duringIndexing) : undefined,
    });
  }

  const lint = lintRuns(learn, slowReps, log);
  rows.push({ key: 'lint', label: 'quicktakes lint (whole corpus, json)', unit: 'ms', stats: lint.stats });
  if (lint.peakRssMB !== undefined) rows.push({ key: 'lintPeakRss', label: 'quicktakes lint peak RSS', unit: 'MB', value: lint.peakRssMB });
  if (lint.cpuMs.length)
    rows.push({ key: 'lintCpu', label: 'CPU: quicktakes lint, all threads', unit: 'ms', stats: stats(lint.cpuMs), cpu: true });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-bench-lint-cache-'));
  try {
    const cached = lintRuns(learn, slowReps, log, cacheDir);
    rows.push({ key: 'lintCached', label: 'quicktakes lint --cache, nothing changed', unit: 'ms', stats: cached.stats });
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }

  addRatios(rows);
  if (scale === 1) checkTargets(rows);
  return { scale, files, rows };
}

function addRatios(rows: Row[]): void {
  const median = (k: string) => rows.find((r) => r.key === k)!.stats!.median;
  for (const r of rows) {
    if (r.unit !== 'ms' || !r.stats) continue;
    r.ratioToFloor = r.stats.median / median(r.cpu ? 'floorCpu' : 'floor');
    r.ratioToYaml = r.stats.median / median(r.cpu ? 'yamlCpu' : 'yaml');
  }
}

/** Issue 6's targets on this machine. */
function checkTargets(rows: Row[]): void {
  const get = (k: string) => rows.find((r) => r.key === k);
  const set = (k: string, target: string, met: boolean | undefined, use: Row['use'] = 'median') => {
    const r = get(k);
    if (r) Object.assign(r, { target, met, use });
  };
  const floor = get('floor')!.stats!.median;
  const yaml = get('yaml')!.stats!.median;
  const core = get('coreIndex')!.stats!.median;
  set(
    'coreIndex',
    `≤ 2× floor (${(2 * floor).toFixed(0)}) and ≤ yaml/15 (${(yaml / 15).toFixed(0)})`,
    core <= 2 * floor && core <= yaml / 15,
  );
  const server = get('serverIndex');
  if (server) set('serverIndex', '≤ 2× floor, ≤ yaml/15', server.stats!.median <= 2 * floor && server.stats!.median <= yaml / 15);
  set('completion', 'p95 ≤ 5 ms', (get('completion')?.stats?.p95 ?? Infinity) <= 5, 'p95');
  set('diagnosticsEdit', 'p95 ≤ 5 ms', (get('diagnosticsEdit')?.stats?.p95 ?? Infinity) <= 5, 'p95');
  set('lint', '≤ 2000 ms', get('lint')!.stats!.median <= 2000);
  set('lintCached', '≤ 2000 ms', (get('lintCached')?.stats?.median ?? Infinity) <= 2000);
  set('serverRssAboveIdle', '≤ 150 MB', get('serverRssAboveIdle')!.value! <= 150);
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
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout.trim();

  const one = await measure(learn, o, 1, log);
  console.log(`\n1× corpus (${one.files} files)\n`);
  console.log(table(one));

  let many: ScaleResult | undefined;
  let synth: ReturnType<typeof synthesize> | undefined;
  if (o.scale && o.scale > 1) {
    synth = synthesize(learn, path.join(os.tmpdir(), `quicktakes-bench-x${o.scale}`), o.scale);
    log(`${o.scale}× corpus ${synth.reused ? 'reused' : `written in ${Math.round(synth.ms / 1000)} s`}: ${synth.root}`);
    many = await measure(path.join(synth.root, 'content/learn'), o, o.scale, log);
    console.log(`\n${o.scale}× corpus (${many.files} files)\n`);
    console.log(table(many));
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
