/**
 * Problems by code over the whole corpus, kept current: each article's
 * diagnostics (as reported) tallied by code, computed once in slices and then
 * only again for the articles a change affects. The Problems by Code view
 * reads it: a corpus-wide lint is seconds of work, an edit is a few articles.
 */
import { ALL_CODES, type Code, type Diagnostic, type Severity } from '../checks/diagnostics';
import type { Range } from '../frontMatter/model';
import { inSlices, SLICE_MS } from '../loading/slices';
import { comparePaths } from '../site/paths';

/** One code's problems in one article. */
export interface ArticleProblem {
  code: Code;
  /** The most severe of them. */
  severity: Severity;
  count: number;
  /** Where the first of them is. */
  range: Range;
}

export interface CodeTally {
  code: Code;
  severity: Severity;
  /** Problems with this code. */
  count: number;
  /** Articles with at least one. */
  articles: number;
}

/** Fills of a `refresh` before it answers with what it has (edits arriving all along would need more). */
const MAX_PASSES = 3;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const NONE: readonly ArticleProblem[] = Object.freeze([]);

export class ProblemTally {
  /** Article path → its problems by code; articles without are kept too (as `NONE`), so they are not checked again. */
  private readonly byPath = new Map<string, readonly ArticleProblem[]>();
  /** Whether every article of the last fill is in `byPath` and nothing was forgotten since. */
  private complete = false;
  /** Bumped by every `forget`, so a fill knows whether something changed while it ran. */
  private epoch = 0;
  private running: Promise<void> | undefined;

  /** These articles changed (or were added or deleted), or their diagnostics may have. */
  forget(paths: Iterable<string>): void {
    for (const p of paths) this.byPath.delete(p);
    this.epoch++;
    this.complete = false;
  }

  /** Every diagnostic may have changed (a new index, other settings). */
  forgetAll(): void {
    this.byPath.clear();
    this.epoch++;
    this.complete = false;
  }

  /**
   * Brings the tally up to date with the articles `paths()` lists, computing
   * the diagnostics of those not tallied yet, in slices. Concurrent callers
   * share one fill. Rejects with `SliceCancelled` when `isCancelled` says so.
   */
  async refresh(paths: () => string[], diagnosticsOf: (path: string) => Diagnostic[], isCancelled?: () => boolean): Promise<void> {
    for (let pass = 0; pass < MAX_PASSES && !this.complete; pass++) {
      this.running ??= inSlices(this.fillSteps(paths(), diagnosticsOf), SLICE_MS, isCancelled).finally(() => (this.running = undefined));
      await this.running;
    }
  }

  private *fillSteps(paths: string[], diagnosticsOf: (path: string) => Diagnostic[]): Generator<void, void> {
    const epoch = this.epoch;
    for (const p of paths) {
      if (this.byPath.has(p)) continue;
      this.byPath.set(p, tallyOf(diagnosticsOf(p)));
      yield; // one article's checks can take milliseconds (its formulas)
    }
    if (this.byPath.size !== paths.length) {
      const listed = new Set(paths);
      for (const p of this.byPath.keys()) if (!listed.has(p)) this.byPath.delete(p);
    }
    if (epoch === this.epoch) this.complete = true;
  }

  /** Every code with problems: most problems first, then the most severe, then in the order of the codes table. */
  codes(): CodeTally[] {
    const tallies = new Map<Code, CodeTally>();
    for (const problems of this.byPath.values()) {
      for (const p of problems) {
        const t = tallies.get(p.code);
        if (!t) tallies.set(p.code, { code: p.code, severity: p.severity, count: p.count, articles: 1 });
        else {
          t.count += p.count;
          t.articles++;
          if (RANK[p.severity] < RANK[t.severity]) t.severity = p.severity;
        }
      }
    }
    const order = (c: Code) => ALL_CODES.indexOf(c);
    return [...tallies.values()].sort((a, b) => b.count - a.count || RANK[a.severity] - RANK[b.severity] || order(a.code) - order(b.code));
  }

  /** The articles with problems of `code`, by path. */
  articles(code: Code): { path: string; problem: ArticleProblem }[] {
    const out: { path: string; problem: ArticleProblem }[] = [];
    for (const [path, problems] of this.byPath) {
      const problem = problems.find((p) => p.code === code);
      if (problem) out.push({ path, problem });
    }
    return out.sort((a, b) => comparePaths(a.path, b.path));
  }
}

/** An article's diagnostics by code (in the order of their first occurrence). */
function tallyOf(diagnostics: readonly Diagnostic[]): readonly ArticleProblem[] {
  if (diagnostics.length === 0) return NONE;
  const byCode = new Map<Code, ArticleProblem>();
  for (const d of diagnostics) {
    const p = byCode.get(d.code);
    if (!p) byCode.set(d.code, { code: d.code, severity: d.severity, count: 1, range: d.range });
    else {
      p.count++;
      if (RANK[d.severity] < RANK[p.severity]) p.severity = d.severity;
    }
  }
  return [...byCode.values()];
}
