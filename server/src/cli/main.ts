/**
 * The `quicktakes` command. Each subcommand is a thin adapter over the core;
 * exit status 0 (clean), 1 (errors found), 2 (bad usage).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheDir } from '../core/loading/indexCache';
import { lint, UsageError } from '../core/lint/lint';
import { answerCommand } from './answer';
import { fixCommand } from './fix';
import { formatJson, formatSarif, formatText, type Format } from './format';
import { renderCommand } from './render';
import { reportCommand } from './report';
import { suggestCommand } from './suggest';

declare const QUICKTAKES_VERSION: string;
const VERSION = typeof QUICKTAKES_VERSION === 'string' ? QUICKTAKES_VERSION : '0.0.0-dev';

export interface Io {
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
}

export type Command = (args: string[], io: Io) => Promise<number> | number;

const USAGE = `Usage:
  quicktakes lint <dir-or-file>... [--format text|json|sarif] [--cache [--cache-location DIR]]
  quicktakes render <article.md>
  quicktakes suggest <article.md>... [--limit N] [--format text|json]
  quicktakes report <dir-or-file>... [--html out.html | --format text|json]
  quicktakes fix <dir-or-file>... [--dry-run] [--code CODE...]
  quicktakes answer <article.md> [--set <file>|-]
  quicktakes --version
`;

const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, cache: { type: 'boolean' }, 'cache-location': { type: 'string' } },
  });
  const format = values.format as Format;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown --format ${format}; use text, json or sarif.`);
  if (positionals.length === 0) throw new UsageError('lint needs at least one folder or article file.');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location goes with --cache.');
  // the cache lives beside the server's index cache (outside the content), unless told otherwise
  const cacheDir = values.cache ? path.resolve(io.cwd, values['cache-location'] ?? defaultCacheDir()) : undefined;
  const result = lint(positionals, { cacheDir });
  const formatter = { text: formatText, json: formatJson, sarif: (r: typeof result, cwd: string) => formatSarif(r, cwd, VERSION) }[format];
  io.out(formatter(result, io.cwd));
  await result.saved;
  return result.results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
};

export const commands: Record<string, Command> = {
  lint: lintCommand,
  render: renderCommand,
  suggest: suggestCommand,
  report: reportCommand,
  fix: fixCommand,
  answer: answerCommand,
};

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
  const command = commands[name];
  if (!command) {
    io.err(`quicktakes: unknown command \`${name}\`.\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`quicktakes ${name}: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    io.err(`quicktakes ${name}: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}
