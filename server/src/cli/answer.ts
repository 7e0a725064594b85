/**
 * `quicktakes answer <article.md> [--set <file>|-]`: prints the answer as the
 * site reads it (Markdown, exactly, no line break added), or writes a Markdown
 * text back as the answer in the article's own YAML style, changing no byte
 * outside the value. Printing then setting the same text changes nothing, so
 * `quicktakes answer a.md | quicktakes answer a.md --set -` leaves the file as is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { answerText, answerTextUnreadable, setAnswerText } from '../core/answer/document';
import { applyEdits } from '../core/authoring/edits';
import { UsageError } from '../core/lint/lint';
import { writeAtomically } from './fix';
import type { Command } from './main';

export const answerCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { set: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('answer needs exactly one article file.');
  const name = positionals[0];
  const file = path.resolve(io.cwd, name);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`No such file: ${name}`);
  const fail = (message: string) => {
    io.err(`quicktakes answer: ${name}: ${message}\n`);
    return 2;
  };
  const bytes = fs.readFileSync(file);
  const text = bytes.toString('utf8');
  // Writing back text decoded with replacement characters would change bytes outside the answer.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return fail('the file is not valid UTF-8.');

  if (values.set === undefined) {
    const answer = answerText(text);
    if (!answer) return fail(answerTextUnreadable(text) ?? 'the file has no answer.');
    io.out(answer.text);
    return 0;
  }
  const from = values.set;
  let markdown: string;
  try {
    markdown = fs.readFileSync(from === '-' ? 0 : path.resolve(io.cwd, from), 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${from === '-' ? 'standard input' : from}: ${(e as Error).message}`);
  }
  const result = setAnswerText(text, markdown);
  if (!result.ok) return fail(result.error);
  if (result.edits.length > 0) writeAtomically(file, applyEdits(text, result.edits));
  return 0;
};
