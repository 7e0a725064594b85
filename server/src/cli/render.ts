/** `quicktakes render <article.md>`: the answer's HTML, exactly as the preview shows it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../core/lint/lint';
import { answerOfArticle, renderAnswer } from '../core/answer/render';
import { stripBom } from '../core/frontMatter/lineIndex';
import type { Command } from './main';

export const renderCommand: Command = (args, io) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('render needs exactly one article file.');
  const file = path.resolve(io.cwd, positionals[0]);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`No such file: ${positionals[0]}`);
  const answer = answerOfArticle(stripBom(fs.readFileSync(file, 'utf8')));
  if (answer === undefined) {
    io.err(`quicktakes render: ${positionals[0]} has no \`answer\` field in its front matter.\n`);
    return 1;
  }
  const html = renderAnswer(answer);
  io.out(html ? `${html}\n` : '');
  return 0;
};
