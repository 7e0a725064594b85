/**
 * The `quicktakes` command. Each subcommand is a thin adapter over the core;
 * exit status 0 (clean), 1 (errors found), 2 (bad usage).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheDir } from '../core/loading/indexCache';
import { Baseline } from '../core/lint/baseline';
import { narrowToChanges } from '../core/lint/changed';
import { lintedFiles, lintProject, UsageError, type LintOptions } from '../core/lint/lint';
import { lintWithReplay, type LintOutcome, type ReplayedOutput } from '../core/lint/replay';
import type { Severity } from '../core/checks/diagnostics';
import { answerCommand } from './answer';
import { CONFIG_HELP, CONFIG_OPTION, configFileOption, warnConfigProblems } from './config';
import { fixCommand } from './fix';
import { countSeverities, FORMATS, lintOutput, summaryLine, type Format, type LintReport } from './format';
import { changesSince } from './git';
import { shownPath } from './paths';
import { renderCommand } from './render';
import { reportCommand } from './report';
import { similarCommand } from './similar';
import { suggestCommand } from './suggest';

declare const QUICKTAKES_VERSION: string;
const VERSION = typeof QUICKTAKES_VERSION === 'string' ? QUICKTAKES_VERSION : '0.0.0-dev';

export interface Io {
  cwd: string;
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

export type Command = (args: string[], io: Io) => Promise<number> | number;

/** A subcommand: its synopsis (one line of the overall usage), its options, and what runs it. */
interface Subcommand {
  synopsis: string;
  options: string;
  run: Command;
}

const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean' },
      'changed-since': { type: 'string' },
      'max-warnings': { type: 'string' },
      ...CONFIG_OPTION,
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown --format ${format}; use ${FORMATS.join(', ')}.`);
  if (positionals.length === 0) throw new UsageError('lint needs at least one folder or article file.');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location goes with --cache.');
  if (values['update-baseline'] && values.baseline === undefined) throw new UsageError('--update-baseline goes with --baseline FILE.');
  const max = values['max-warnings'];
  if (max !== undefined && !/^\d+$/.test(max)) throw new UsageError(`--max-warnings must be a whole number, 0 or more, found ${max}.`);
  const maxWarnings = max === undefined ? Infinity : Number(max);
  const ref = values['changed-since'];
  if (ref === '') throw new UsageError('--changed-since needs a git ref.');
  // the baseline is read before the lint, so that a damaged one fails fast
  const baseline = values.baseline === undefined ? undefined : Baseline.read(path.resolve(io.cwd, values.baseline));
  const configFile = configFileOption(values.config, io);
  // the cache lives beside the server's index cache (outside the content), unless told otherwise
  const cacheDir = values.cache ? path.resolve(io.cwd, values['cache-location'] ?? defaultCacheDir()) : undefined;
  const narrow = ref === undefined ? undefined : (learnRoot: string) => narrowToChanges(changesSince(ref, learnRoot));
  const updating = baseline !== undefined && values['update-baseline'] === true;
  // what is printed depends on these besides the findings: a replay with the same kept output copies it
  const output = updating ? undefined : JSON.stringify([format, io.cwd, VERSION, baseline ? [baseline.file, baseline.digest] : null]);
  const result = lintFindings(positionals, { cacheDir, narrow, configFile, output });
  warnConfigProblems('lint', result.configProblems, io);
  if ('printed' in result) {
    const tally = result.printed.tally as Tally;
    result.printed.copyTo(io.out);
    return lintStatus(format, tally, maxWarnings, io);
  }

  const { linted } = result;
  if (baseline && updating) {
    const updated = baseline.updated(linted);
    updated.write();
    io.out(`Wrote ${shownPath(updated.file, io.cwd)}: ${updated.size} known problems (${baseline.size} before).\n`);
    await result.saved;
    return 0;
  }
  const { fresh, known } = baseline ? baseline.partition(linted) : { fresh: linted, known: undefined };
  const shown: LintReport = { files: result.files, reported: fresh };
  const tally: Tally = { files: shown.files, counts: countSeverities(shown), known };
  const kept = result.keep?.(tally);
  // kept output is written as printed, encoded once for both
  const out = kept
    ? (s: string) => {
        const bytes = Buffer.from(s);
        io.out(bytes);
        kept.write(bytes);
      }
    : io.out;
  writeInChunks(out, lintOutput(format, shown, { cwd: io.cwd, version: VERSION, known }));
  kept?.commit();
  await result.saved;
  return lintStatus(format, tally, maxWarnings, io);
};

/** What a lint's exit status and last words depend on besides its output. */
interface Tally {
  files: number;
  counts: Record<Severity, number>;
  known: number | undefined;
}

/** Exit status 1 with errors or more warnings than allowed (which it says); the tally on stderr for `github`. */
function lintStatus(format: Format, tally: Tally, maxWarnings: number, io: Io): number {
  const { files, counts, known } = tally;
  // workflow commands only on stdout; the runner's log still shows the tally
  if (format === 'github') io.err(`${summaryLine(files, counts, known)}\n`);
  if (counts.error > 0) return 1;
  if (counts.warning > maxWarnings) {
    io.err(`quicktakes lint: ${counts.warning} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/**
 * Writes pieces of output gathered into chunks of about 64 K characters: few writes, and never the whole output at
 * once. Writes to a pipe or a file are synchronous on Linux, so chunks do not pile up in memory there.
 */
function writeInChunks(out: (s: string) => void, pieces: Iterable<string>): void {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= 65536) {
      out(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') out(chunk);
}

/** The lint's findings: replayed from the cache when nothing changed since the last one (not with `--changed-since`). */
function lintFindings(
  paths: string[],
  options: { cacheDir?: string; narrow?: LintOptions['narrow']; configFile?: string; output?: string },
): LintOutcome | ReplayedOutput {
  const { cacheDir, narrow, configFile, output } = options;
  if (cacheDir !== undefined && narrow === undefined) return lintWithReplay(paths, { cacheDir, configFile, output });
  const result = lintProject(paths, options);
  return { files: result.files, linted: lintedFiles(result), configProblems: result.configProblems, saved: result.saved };
}

export const commands: Record<string, Subcommand> = {
  lint: {
    synopsis:
      'quicktakes lint <dir-or-file>... [--format text|json|sarif|github] [--baseline FILE [--update-baseline]] [--changed-since REF] [--max-warnings N] [--cache [--cache-location DIR]] [--config FILE]',
    options: `  --format F            text (default), json, sarif, or github (one workflow command per problem)
  --baseline FILE       print only the problems FILE does not record; the exit status follows them alone
  --update-baseline     with --baseline: record the current problems in FILE, exit 0
  --changed-since REF   only articles changed since the git REF (committed, staged, unstaged, untracked),
                        and those whose related links point at one
  --max-warnings N      exit 1 when there are more than N warnings
  --cache               keep what this lint learned, and read only changed files next time
  --cache-location DIR  where the cache is kept
${CONFIG_HELP}`,
    run: lintCommand,
  },
  render: { synopsis: 'quicktakes render <article.md>', options: '', run: renderCommand },
  suggest: {
    synopsis: 'quicktakes suggest <article.md>... [--limit N] [--format text|json]',
    options: `  --limit N        how many suggestions per article (default 5)
  --format F       text (default) or json
`,
    run: suggestCommand,
  },
  similar: {
    synopsis: 'quicktakes similar <dir-or-article>... --question "<text>"... [--subject FOLDER] [--limit N] [--format text|json]',
    options: `  --question TEXT  a question to look for (repeat for several); the paths name the corpus searched
  --subject FOLDER the subject folder the questions are for (as New Question knows it): its articles weigh more
  --limit N        how many articles per question (default 5)
  --format F       text (default) or json
`,
    run: similarCommand,
  },
  report: {
    synopsis: 'quicktakes report <dir-or-file>... [--html out.html | --format text|json] [--config FILE]',
    options: `  --html FILE      write the report as one self-contained HTML page
  --format F       text (default) or json
${CONFIG_HELP}`,
    run: reportCommand,
  },
  fix: {
    synopsis: 'quicktakes fix <dir-or-file>... [--dry-run] [--code CODE...] [--config FILE]',
    options: `  --dry-run        print the changes as a unified diff instead of writing them (exit 1 when there are any)
  --code CODE      fix only this code (repeatable, or comma-separated); answer fixes only when asked for
${CONFIG_HELP}`,
    run: fixCommand,
  },
  answer: {
    synopsis: 'quicktakes answer <article.md> [--set FILE|-]',
    options: `  --set FILE       write FILE's text (or standard input, with -) back as the article's answer, in its own style
`,
    run: answerCommand,
  },
};

function usageOf(name: string): string {
  const { synopsis, options } = commands[name];
  return `Usage:\n  ${synopsis}\n${options ? `\nOptions:\n${options}` : ''}`;
}

const USAGE = `Usage:
${Object.values(commands)
  .map((c) => `  ${c.synopsis}\n`)
  .join('')}  quicktakes --version

\`quicktakes <command> --help\` describes a command's options.
`;

/** Whether the arguments ask for help (before a `--`, after which everything is a path). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  if (!Object.hasOwn(commands, name)) {
    io.err(`quicktakes: unknown command \`${name}\`.\n${USAGE}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.out(usageOf(name));
    return 0;
  }
  try {
    return await commands[name].run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`quicktakes ${name}: ${(e as Error).message.split('\n')[0]}\n${usageOf(name)}`);
      return 2;
    }
    io.err(`quicktakes ${name}: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}
