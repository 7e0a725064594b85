/**
 * The baseline of `quicktakes lint --baseline FILE`: the problems a corpus
 * already had when a team adopted the linter, so CI fails only on new ones.
 *
 * A problem is known by its file (relative to the baseline file's folder, `/`
 * separators), its code and the text its range covers, never by line or
 * column: an edit elsewhere in the file leaves it known. The same key may stand
 * for several problems (two slots with the same unknown id), so each entry
 * carries a count, and a file with one more such problem than recorded has a
 * new one.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../checks/diagnostics';
import { LineIndex } from '../frontMatter/lineIndex';
import { readArticleText } from '../loading/workspace';
import { toSlash } from '../site/paths';
import { UsageError, type FileDiagnostics } from './lint';

/** Bumped when the layout of the file changes. */
const VERSION = 1;

export interface BaselineEntry {
  file: string;
  code: string;
  /** The source text the diagnostic's range covers (line breaks as `\n`). */
  text: string;
  count: number;
}

export interface Partition {
  /** The results with only the problems the baseline does not hold. */
  fresh: FileDiagnostics[];
  /** How many problems the baseline held. */
  known: number;
}

/** What identifies a problem within its file, lines aside: the text its range covers (for a missing field, its name). */
export function flaggedText(lines: LineIndex, d: Diagnostic): string {
  // every missing field is flagged on the same closing fence: the field's name tells them apart
  if (d.code === 'missing-field' && d.data?.field) return d.data.field;
  return lines.text.slice(lines.offset(d.range.start), lines.offset(d.range.end)).replace(/\r\n/g, '\n');
}

export class Baseline {
  private constructor(
    readonly file: string,
    /** Key (`keyOf`) → entry. */
    private readonly entries: Map<string, BaselineEntry>,
  ) {}

  /** The baseline at `file`; an absent file is an empty baseline (a first `--update-baseline` writes it). */
  static read(file: string): Baseline {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Baseline(file, new Map());
      throw e;
    }
    const fail = (why: string) => new UsageError(`${file} is not a quicktakes baseline: ${why}.`);
    let parsed: { version?: unknown; problems?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (parsed?.version !== VERSION) throw fail(`expected "version": ${VERSION}`);
    if (!Array.isArray(parsed.problems)) throw fail('no "problems" list');
    const entries = new Map<string, BaselineEntry>();
    for (const p of parsed.problems as Partial<BaselineEntry>[]) {
      const { file: f, code, text: t, count } = p ?? {};
      if (typeof f !== 'string' || typeof code !== 'string' || typeof t !== 'string' || !Number.isInteger(count) || count! < 1) {
        throw fail(`bad entry ${JSON.stringify(p)}`);
      }
      add(entries, { file: f, code, text: t, count: count! });
    }
    return new Baseline(file, entries);
  }

  /** Splits the results into problems the baseline does not hold and a count of those it does. */
  partition(results: FileDiagnostics[]): Partition {
    const left = new Map([...this.entries].map(([k, e]) => [k, e.count]));
    let known = 0;
    const fresh = results.map(({ path: file, diagnostics }) => {
      if (diagnostics.length === 0) return { path: file, diagnostics };
      const keys = this.keysOf(file, diagnostics);
      const kept = diagnostics.filter((_, i) => {
        const n = left.get(keys[i]) ?? 0;
        if (n === 0) return true;
        left.set(keys[i], n - 1);
        known++;
        return false;
      });
      return { path: file, diagnostics: kept };
    });
    return { fresh, known };
  }

  /**
   * The baseline recording the current problems of the files linted; entries
   * of files not linted this time stay, unless the file no longer exists.
   */
  updated(results: FileDiagnostics[]): Baseline {
    const linted = new Set(results.map((r) => this.name(r.path)));
    const entries = new Map<string, BaselineEntry>();
    for (const [key, e] of this.entries) {
      if (!linted.has(e.file) && fs.existsSync(path.resolve(path.dirname(this.file), e.file))) entries.set(key, e);
    }
    for (const { path: linted, diagnostics } of results) {
      if (diagnostics.length === 0) continue;
      const lines = new LineIndex(readArticleText(linted));
      const file = this.name(linted);
      for (const d of diagnostics) add(entries, { file, code: d.code, text: flaggedText(lines, d), count: 1 });
    }
    return new Baseline(this.file, entries);
  }

  /** A hash of what the baseline holds (of `serialize()`): what a kept lint output printed with it names it by. */
  get digest(): string {
    return crypto.createHash('sha1').update(this.serialize()).digest('hex');
  }

  /** How many problems the baseline holds. */
  get size(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.count;
    return n;
  }

  /**
   * The file's text: entries sorted by file, code and text (by code units, the
   * same on every machine), one per line, so that a change shows as a small diff.
   */
  serialize(): string {
    const sorted = [...this.entries.values()].sort((a, b) => compare(a.file, b.file) || compare(a.code, b.code) || compare(a.text, b.text));
    const lines = sorted.map((e) => `    ${JSON.stringify({ file: e.file, code: e.code, text: e.text, count: e.count })}`);
    const list = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
    return `{\n  "version": ${VERSION},\n  "problems": ${list}\n}\n`;
  }

  write(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, this.serialize());
  }

  private name(filePath: string): string {
    return toSlash(path.relative(path.dirname(path.resolve(this.file)), filePath));
  }

  private keysOf(filePath: string, diagnostics: Diagnostic[]): string[] {
    const lines = new LineIndex(readArticleText(filePath));
    const file = this.name(filePath);
    return diagnostics.map((d) => keyOf(file, d.code, flaggedText(lines, d)));
  }
}

function keyOf(file: string, code: string, text: string): string {
  return JSON.stringify([file, code, text]);
}

function add(entries: Map<string, BaselineEntry>, e: BaselineEntry): void {
  const key = keyOf(e.file, e.code, e.text);
  const had = entries.get(key);
  entries.set(key, had ? { ...had, count: had.count + e.count } : e);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
