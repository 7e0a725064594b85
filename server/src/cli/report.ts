/**
 * `quicktakes report <paths>... [--html out.html | --format text|json]`: the
 * corpus health report (core/lint/report.ts) of the given paths, linted as
 * `quicktakes lint` lints them. `--html` writes one self-contained page (the
 * same renderer as the editor's "Corpus Health" webview, media/health.*) whose
 * file links are relative to the page.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { lintProject, UsageError } from '../core/lint/lint';
import { buildReport, type HealthReport } from '../core/lint/report';
import { nearDuplicateQuestions } from '../core/authoring/similar';
import { CONFIG_OPTION, configFileOption, warnConfigProblems } from './config';
import type { Command } from './main';
import { shownPath } from './paths';

/** The folder holding the webview's renderer: `media/` beside `dist/` (bundled) or the repository root (from source). */
function mediaFolder(): string {
  const candidates = [path.join(__dirname, '..', 'media'), path.join(__dirname, '..', '..', '..', 'media')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'health.js')));
  if (!found) throw new Error(`media/health.js not found beside ${__dirname}`);
  return found;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** One HTML page holding the report, its style and its script (nothing loaded from elsewhere). */
export function reportHtml(report: HealthReport, hrefBase: string): string {
  const media = mediaFolder();
  const css = fs.readFileSync(path.join(media, 'health.css'), 'utf8');
  const js = fs.readFileSync(path.join(media, 'health.js'), 'utf8');
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>QuickTakes corpus health</title>
<style>
${css}
</style>
</head>
<body>
<main id="health" aria-live="polite"></main>
<script type="application/json" id="health-data">${scriptJson({ report, hrefBase })}</script>
<script>
${js}
</script>
</body>
</html>
`;
}

const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;

export function reportText(r: HealthReport): string {
  const lines = [
    `${plural(r.articles, 'article')}: ${plural(r.defects, 'defect')} (${plural(r.bySeverity.error, 'error')}, ${plural(r.bySeverity.warning, 'warning')}, ${r.bySeverity.info + r.bySeverity.hint} info) in ${plural(r.files.length, 'file')}.`,
    '',
    'Defects per code:',
    ...r.byCode.map((c) => `  ${c.code.padEnd(26)} ${String(c.count).padStart(7)} in ${plural(c.files, 'file')}`),
    '',
    'Defects per subject:',
    ...r.bySubject.map(
      (s) => `  ${s.subject.padEnd(32)} ${String(s.defects).padStart(7)} in ${s.files} of ${plural(s.articles, 'article')}`,
    ),
    '',
    `Articles without related links: ${r.withoutRelated.length.toLocaleString('en-US')}`,
    `Articles no related link leads to: ${r.neverLinked.length.toLocaleString('en-US')}`,
    'Most linked:',
    ...r.mostLinked.slice(0, 10).map((a) => `  ${String(a.inbound).padStart(4)}  ${a.file}`),
    '',
    ...(['exact', 'near'] as const).map((kind) => {
      const clusters = r.questionClusters.filter((c) => c.kind === kind);
      const articles = plural(
        clusters.reduce((n, c) => n + c.articles.length, 0),
        'article',
      );
      return `${kind === 'exact' ? 'Duplicate' : 'Near-duplicate'} questions: ${clusters.length.toLocaleString('en-US')} (${articles})`;
    }),
  ];
  return lines.join('\n') + '\n';
}

export const reportCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, html: { type: 'string' }, ...CONFIG_OPTION },
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown --format ${format}; use text or json (or --html FILE).`);
  if (values.html !== undefined && values.format !== undefined) throw new UsageError('Give either --html FILE or --format, not both.');
  if (positionals.length === 0) throw new UsageError('report needs at least one folder or article file.');

  const configFile = configFileOption(values.config, io);
  const result = lintProject(
    positionals.map((p) => path.resolve(io.cwd, p)),
    { configFile },
  );
  warnConfigProblems('report', result.configProblems, io);
  const nearDuplicates = result.corpora.flatMap((corpus) => nearDuplicateQuestions(corpus));
  const report = buildReport({ ...result, nearDuplicates }, { name: (p) => shownPath(p, io.cwd) });
  if (values.html !== undefined) {
    const out = path.resolve(io.cwd, values.html);
    const base = shownPath(io.cwd, path.dirname(out));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, reportHtml(report, base === '.' ? '' : `${base}/`));
    io.out(`Wrote ${shownPath(out, io.cwd)}: ${plural(report.articles, 'article')}, ${plural(report.defects, 'defect')}.\n`);
  } else {
    io.out(format === 'json' ? JSON.stringify(report) + '\n' : reportText(report));
  }
  return 0;
};
