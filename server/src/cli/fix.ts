/**
 * `quicktakes fix <paths>... [--dry-run] [--code CODE...]`: applies every
 * unambiguous quick fix (core/authoring/fixes.ts, the editor's own "fix all") to the given
 * articles. Each file is checked again as it is right before it is fixed, the
 * result is checked once more, and it is written atomically (a temporary file
 * renamed over it). What has no unambiguous fix is listed, not changed.
 *
 * By default every front-matter code is fixed; answer fixes rewrite an author's
 * text, so they are applied only when their code is asked for with `--code`.
 * `--dry-run` prints the unified diff instead of writing (exit 1 when there is
 * something to fix, as a CI check).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { ALL_CODES, type Code, type Diagnostic } from '../core/checks/diagnostics';
import { fixText, UNFIXABLE_CODES } from '../core/authoring/fixes';
import { lintProject, UsageError } from '../core/lint/lint';
import { CONFIG_OPTION, configFileOption, warnConfigProblems } from './config';
import type { Command } from './main';
import { shownPath } from './paths';

/** The codes fixed when none is asked for: every code with a fix, except those that rewrite the answer. */
export const DEFAULT_FIX_CODES: readonly Code[] = ALL_CODES.filter((c) => !UNFIXABLE_CODES.has(c) && !c.startsWith('answer-'));

/** Replaces a file's content in one step: readers see the old text or the new, never a part. */
export function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.quicktakes-tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: fs.statSync(file).mode });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function countByCode(diagnostics: readonly Diagnostic[], wanted: ReadonlySet<string>): Map<Code, number> {
  const out = new Map<Code, number>();
  for (const d of diagnostics) if (wanted.has(d.code)) out.set(d.code, (out.get(d.code) ?? 0) + 1);
  return out;
}

const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;

export const fixCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, code: { type: 'string', multiple: true }, ...CONFIG_OPTION },
  });
  const asked = (values.code ?? []).flatMap((c) => c.split(','));
  const unknown = asked.filter((c) => !(ALL_CODES as string[]).includes(c));
  if (unknown.length > 0) throw new UsageError(`Unknown --code ${unknown.join(', ')}.`);
  if (positionals.length === 0) throw new UsageError('fix needs at least one folder or article file.');
  const codes = new Set<string>(asked.length > 0 ? asked : DEFAULT_FIX_CODES);
  const dryRun = values['dry-run']!;

  // the config's ignored articles are not touched
  const configFile = configFileOption(values.config, io);
  const { results, corpora, configProblems } = lintProject(
    positionals.map((p) => path.resolve(io.cwd, p)),
    { configFile },
  );
  warnConfigProblems('fix', configProblems, io);
  const fixed = new Map<Code, number>();
  const left = new Map<Code, number>();
  const appeared = new Map<Code, number>();
  const refused: string[] = [];
  let changed = 0;
  for (const { article } of results.filter((r) => r.diagnostics.some((d) => codes.has(d.code)))) {
    const corpus = corpora.find((c) => c.learnRoot === article.learnRoot)!;
    const original = fs.readFileSync(article.path, 'utf8');
    const result = fixText(article, original, corpus, { codes });
    const name = shownPath(article.path, io.cwd);
    const before = countByCode(result.before, codes);
    const after = countByCode(result.after, new Set(ALL_CODES));
    for (const [code, n] of before) if (n > (after.get(code) ?? 0)) fixed.set(code, (fixed.get(code) ?? 0) + n - (after.get(code) ?? 0));
    // a fix must not make a new problem; say so if one did
    const all = countByCode(result.before, new Set(ALL_CODES));
    for (const [code, n] of after) if (n > (all.get(code) ?? 0)) appeared.set(code, (appeared.get(code) ?? 0) + n - (all.get(code) ?? 0));
    for (const d of result.after) {
      if (!codes.has(d.code)) continue;
      left.set(d.code, (left.get(d.code) ?? 0) + 1);
      refused.push(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
    if (result.text === original) continue;
    changed++;
    if (dryRun) io.out(createTwoFilesPatch(`a/${name}`, `b/${name}`, original, result.text, undefined, undefined, { context: 3 }));
    else writeAtomically(article.path, result.text);
  }

  const lines: string[] = [];
  if (refused.length > 0) lines.push('Not fixed (no unambiguous fix; listed, not changed):', ...refused.map((r) => `  ${r}`), '');
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const [code, n] of [...fixed].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    lines.push(`${code.padEnd(26)} ${String(n).padStart(7)} ${verb}${left.get(code) ? `, ${left.get(code)} not fixed` : ''}`);
  }
  for (const [code, n] of left) if (!fixed.has(code)) lines.push(`${code.padEnd(26)} ${String(0).padStart(7)} ${verb}, ${n} not fixed`);
  for (const [code, n] of appeared) lines.push(`${code.padEnd(26)} ${String(n).padStart(7)} NEW after fixing: please report this`);
  lines.push(
    `${plural(results.length, 'file')} checked, ${plural(changed, 'file')} ${dryRun ? 'to change' : 'changed'}, ${plural(refused.length, 'problem')} not fixed.`,
  );
  (dryRun ? io.err : io.out)(lines.join('\n') + '\n');
  return dryRun && changed > 0 ? 1 : 0;
};
