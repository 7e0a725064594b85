/**
 * `quicktakes lint --cache` when nothing has changed: the report of the last
 * lint of the same paths, replayed without building the index. It holds when
 * every file that lint depended on is as it was then: each learn folder's list
 * of articles with their sizes and times (the change time too, which no copy
 * or `touch` sets back), the site's files and the project configs (present or
 * not), with the same build, the same paths asked (as absolute paths) and the
 * same selection in each folder. Anything else, and the lint runs (with the
 * cache of lintCache.ts), and its report is kept for next time, one record per
 * set of learn folders. A CI run on unchanged content then costs about what
 * stating every file costs. Beside the record, the output last printed from it
 * is kept (`keptOutput.ts`): a replay asked for that same output copies it.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildId, type Stamp } from '../loading/indexCache';
import { joinedPaths } from './lintCache';
import { listArticles, type ListedFolder } from '../loading/workspace';
import { firstLine, restOf } from './headedFile';
import { KeptOutput, OutputWriter } from './keptOutput';
import type { Diagnostic } from '../checks/diagnostics';
import type { ConfigProblem } from '../config/projectConfig';
import { toSlash } from '../site/paths';
import { writeWhole } from '../loading/tempFiles';
import { configGroups, configOptions, lintedFiles, lintGroups, selectPaths, type FileDiagnostics } from './lint';

/** Bumped when the record's layout changes. */
const FORMAT = 4;

/** What a lint found: how many articles it checked, every file linted with its diagnostics, and what is wrong in the configs. */
export interface LintOutcome {
  files: number;
  linted: FileDiagnostics[];
  configProblems: ConfigProblem[];
  /** Resolves once the caches are written for the next lint. */
  saved?: Promise<void>;
  /** Keeps what is printed from these findings (as `output` names it) for the next replay, when there is a record. */
  keep?: (tally: unknown) => OutputWriter | undefined;
}

/** A replay that found the output asked for kept: nothing to format, only bytes to copy. */
export interface ReplayedOutput {
  configProblems: ConfigProblem[];
  printed: KeptOutput;
}

/**
 * What a lint read, as it was: for each learn folder, what was asked of it and
 * its files (relative paths, NUL-separated) with three numbers each (`stampNumbers`;
 * all of them as float64 bytes in base64, which reads back and compares in a
 * few milliseconds where JSON numbers took ~70), and other files with theirs.
 */
interface Inputs {
  folders: { root: string; selection: string; files: string; stamps: string }[];
  others: { path: string; stamp: number[] }[];
}

/**
 * The record of a lint, in two JSON lines: what it read (all that a lint that
 * cannot replay parses) and what it found. Few large values rather than an
 * object per file, as a replay reads all of it.
 */
interface Head {
  format: number;
  /** This record's own id, which its kept output names. */
  id: string;
  key: string;
  inputs: Inputs;
  files: number;
}

/** The paths of the files linted, NUL-separated, and the diagnostics of those that have any, by their number. */
interface Found {
  paths: string;
  diagnostics: [number, Diagnostic[]][];
}

/**
 * Lints `paths` as `lintProject` does, or replays the last report from `cacheDir` when nothing it read has changed.
 * `output` names what the caller will print from the findings (its format, folder…): when the replay has that
 * output kept, it comes back instead of the findings.
 */
export function lintWithReplay(
  paths: string[],
  options: { cacheDir: string; configFile?: string; output?: string },
): LintOutcome | ReplayedOutput {
  const { cacheDir, configFile, output } = options;
  const groups = configGroups(paths, configFile);
  const asked = groups.map((g) => [g.loaded.config.file ?? null, g.paths.map((p) => toSlash(path.resolve(p)))]);
  const key = JSON.stringify({ build: buildId(), asked });
  // stamped before any article is read: a file changed during the lint is not taken for the one that was linted
  const listed = new Map<string, () => ListedFolder>();
  const inputs = inputsOf(groups, listed);
  const configProblems = groups.flatMap((g) => g.loaded.problems);
  // one record per set of learn folders: lints of ever-changing sets of files (a commit hook's) do not pile up records
  const roots = inputs.folders.map((f) => f.root).join('\0');
  const base = path.join(cacheDir, crypto.createHash('sha1').update(roots).digest('hex').slice(0, 16));
  const file = `${base}.report.json`;
  const outputFile = `${base}.output`;
  const keeper = (record: string) =>
    output === undefined ? undefined : (tally: unknown) => OutputWriter.open(outputFile, { record, key: output, tally });
  const replayed = replay(file, key, inputs, (record) => (output === undefined ? undefined : KeptOutput.read(outputFile, record, output)));
  if (replayed && 'printed' in replayed) return { printed: replayed.printed, configProblems };
  if (replayed) return { files: replayed.files, linted: replayed.linted, configProblems, keep: keeper(replayed.id) };

  const result = lintGroups(groups, { cacheDir, listed: (root) => listed.get(root)?.() });
  const linted = lintedFiles(result);
  const head: Head = { format: FORMAT, id: crypto.randomUUID(), key, inputs, files: result.files };
  const saved = Promise.all([result.saved, writeRecord(file, head, foundOf(linted))]).then(() => undefined);
  return { files: result.files, linted, configProblems, saved, keep: keeper(head.id) };
}

/** The files a lint of these groups depends on, stamped now; each learn folder's articles and stamps also go to `listed`. */
function inputsOf(groups: ReturnType<typeof configGroups>, listed: Map<string, () => ListedFolder>): Inputs {
  const inputs: Inputs = { folders: [], others: [] };
  const other = (p: string) => inputs.others.push({ path: p, stamp: stampNumbers(statOf(p)) });
  for (const { loaded, paths } of groups) {
    if (loaded.config.file) other(loaded.config.file);
    const { learnFolder, siteFiles } = configOptions(loaded.config);
    for (const [root, selection] of selectPaths(paths, learnFolder, siteFiles)) {
      const locations = listArticles(root);
      // numbers only: a Stats object each, kept, cost more in garbage collection than the stat calls
      const numbers = new Float64Array(3 * locations.length);
      locations.forEach((l, i) => numbers.set(stampNumbers(statOf(l.path)), 3 * i));
      listed.set(root, () => ({ locations, stamps: locations.map((_, i) => stampAt(numbers, i)) }));
      inputs.folders.push({
        root,
        selection: JSON.stringify([[...selection.files].sort(), [...selection.folders].sort(), [...selection.siteFiles].sort()]),
        files: joinedPaths(locations.map((l) => l.path.slice(root.length + 1))),
        stamps: Buffer.from(numbers.buffer).toString('base64'),
      });
      for (const p of Object.values(siteFiles!(root))) other(p);
    }
  }
  return inputs;
}

function statOf(p: string): fs.Stats | undefined {
  return fs.statSync(p, { throwIfNoEntry: false });
}

/** A file's size, modification time and change time (-1 each: absent). */
function stampNumbers(s: fs.Stats | undefined): number[] {
  return s ? [s.size, s.mtimeMs, s.ctimeMs] : [-1, -1, -1];
}

/** The index cache's stamp of the `i`th file of `numbers` (`stampNumbers` each). */
function stampAt(numbers: Float64Array, i: number): Stamp | undefined {
  return numbers[3 * i] === -1 ? undefined : { size: numbers[3 * i], mtimeMs: numbers[3 * i + 1] };
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  return (
    a.folders.length === b.folders.length &&
    a.folders.every((f, i) => {
      const g = b.folders[i];
      return f.root === g.root && f.selection === g.selection && f.files === g.files && f.stamps === g.stamps;
    }) &&
    JSON.stringify(a.others) === JSON.stringify(b.others)
  );
}

/** What a lint found, for its record: each diagnostic whole (the baseline tells missing fields apart by their data). */
function foundOf(linted: FileDiagnostics[]): Found {
  const diagnostics: [number, Diagnostic[]][] = [];
  linted.forEach((file, i) => {
    if (file.diagnostics.length === 0) return;
    const kept = file.diagnostics.map((d) => ({
      ...d,
      message: asciiText(d.message),
      related: d.related?.map((r) => ({ ...r, message: asciiText(r.message) })),
    }));
    diagnostics.push([i, kept]);
  });
  return { paths: joinedPaths(linted.map((f) => f.path)), diagnostics };
}

function lintedOf(found: Found): FileDiagnostics[] {
  const linted = found.paths === '' ? [] : found.paths.split('\0').map((path): FileDiagnostics => ({ path, diagnostics: [] }));
  for (const [i, diagnostics] of found.diagnostics) {
    for (const d of diagnostics) {
      d.message = fromAsciiText(d.message);
      for (const r of d.related ?? []) r.message = fromAsciiText(r.message);
    }
    linted[i].diagnostics = diagnostics;
  }
  return linted;
}

/**
 * The record in `file` when it is of this format and `key` and nothing it read has changed: the output `kept`
 * finds for its id, or else its findings. Only the first line is read for the test; the findings only when needed.
 */
function replay(
  file: string,
  key: string,
  inputs: Inputs,
  kept: (record: string) => KeptOutput | undefined,
): { printed: KeptOutput } | { id: string; files: number; linted: FileDiagnostics[] } | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const first = firstLine(fd);
    // written as ASCII (see `asciiJson`): read as one-byte text, which takes a fraction of decoding UTF-8
    const head = JSON.parse(first.line.toString('latin1')) as Head;
    if (head.format !== FORMAT || head.key !== key || !sameInputs(head.inputs, inputs)) return undefined;
    const printed = kept(head.id);
    if (printed) return { printed };
    const found = JSON.parse(restOf(fd, first).toString('latin1')) as Found;
    return { id: head.id, files: head.files, linted: lintedOf(found) };
  } catch {
    return undefined; // none yet, or damaged: lint
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

async function writeRecord(file: string, head: Head, found: Found): Promise<void> {
  // no record is only slower
  await writeWhole(file, `${asciiJson(head)}\n${asciiJson(found)}`, 'latin1').catch(() => undefined);
}

/**
 * A text as ASCII: itself, or when it has other characters, marked by a leading
 * U+0001 (as is one that starts with it) and escaped as in a JSON string. Done per
 * message, it keeps the record's JSON ASCII without a pass over all of it.
 */
function asciiText(text: string): string {
  return NON_ASCII.test(text) || text.startsWith('\u0001') ? '\u0001' + escapedNonAscii(JSON.stringify(text).slice(1, -1)) : text;
}

function fromAsciiText(text: string): string {
  return text.startsWith('\u0001') ? (JSON.parse(`"${text.slice(1)}"`) as string) : text;
}

/**
 * JSON with every non-ASCII character as a `\u` escape: a few of them would make
 * all of the text two-byte when read back, and decoding it take ~3× as long.
 */
function asciiJson(value: unknown): string {
  // the test is cheap on the usual one-byte text; escaping is rare there
  const json = JSON.stringify(value);
  return NON_ASCII.test(json) ? escapedNonAscii(json) : json;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** JSON text with its non-ASCII characters as `\u` escapes (JSON reads them back as the same characters). */
function escapedNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
