/**
 * The first lines of an article's answer, as Markdown, for hovers and
 * completion documentation: the site's first step (literal `\n` → line break,
 * core/answer/render.ts) without rendering, since editors render Markdown themselves.
 */
import { answerMarkdown, answerOfArticle } from './render';

/** Up to `maxLines` non-blank lines of the answer, cut at `maxChars`; undefined when it has none. */
export function answerExcerpt(articleText: string, maxLines = 3, maxChars = 600): string | undefined {
  const answer = answerOfArticle(articleText);
  if (!answer) return undefined;
  const lines = answerMarkdown(answer)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, maxLines);
  let out = lines.join('\n\n');
  if (out.length > maxChars) out = `${out.slice(0, maxChars).replace(/\s+\S*$/, '')} …`;
  return out;
}

/** Text shown literally inside Markdown (a question as a heading, say). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
