/** The `--config FILE` option shared by the subcommands that lint, and how config problems are shown. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatConfigProblem, type ConfigProblem } from '../core/config/projectConfig';
import { UsageError } from '../core/lint/lint';
import type { Io } from './main';
import { shownPath } from './paths';

export const CONFIG_OPTION = { config: { type: 'string' } } as const;

export const CONFIG_HELP = `  --config FILE         use FILE as the project config instead of the nearest .quicktakes.jsonc\n`;

/** The `--config` file, absolute; a missing one is a usage error (a typo in the command, not in the file). */
export function configFileOption(value: string | undefined, io: Io): string | undefined {
  if (value === undefined) return undefined;
  const file = path.resolve(io.cwd, value);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`No such config file: ${value}`);
  return file;
}

/** One stderr line per problem, naming the file and the place; the run goes on with the defaults for those. */
export function warnConfigProblems(command: string, problems: readonly ConfigProblem[], io: Io): void {
  for (const p of problems) io.err(`quicktakes ${command}: ${formatConfigProblem(p, shownPath(p.file, io.cwd))}\n`);
}
