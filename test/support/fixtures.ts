/**
 * Hand-written fixtures: articles in the exact shape of the real corpus, with
 * knobs to break them, and temp workspaces on disk built from them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { articleFromText, type Article } from '../../server/src/core/corpus/article';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { canonicalUrl } from '../../server/src/core/site/paths';
import { listArticles } from '../../server/src/core/loading/workspace';
import { PROJECT_ROOT } from './corpus';

export interface RelatedSpec {
  id: number | string;
  title: string;
  subject?: string;
  url: string;
}

export interface ArticleSpec {
  subjectKey?: string;
  questionKey: string;
  id?: number | string;
  title?: string;
  /** The `question` value as written (default: the title). */
  question?: string;
  subject?: string;
  answer?: string;
  date?: string;
  url?: string;
  fileName?: string;
  seoTitle?: string;
  related?: RelatedSpec[];
  /** Lines appended inside the front matter. */
  extra?: string;
}

export function titleOf(questionKey: string): string {
  const words = questionKey.split('-');
  return `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}?`;
}

export function displayName(subjectKey: string): string {
  return subjectKey
    .split('-')
    .map((w) => (w === 'and' || w === 'or' ? w : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

/** An article's text in the real corpus's exact layout. */
export function articleText(spec: ArticleSpec): string {
  const subjectKey = spec.subjectKey ?? 'psychology';
  const subject = spec.subject ?? displayName(subjectKey);
  const title = spec.title ?? titleOf(spec.questionKey);
  const lines = [
    '---',
    '_schema: default',
    `id: ${spec.id ?? 1}`,
    `date: ${spec.date ?? '2025-01-28'}`,
    'title: >-',
    `    ${title}`,
    'article_title: >-',
    `    ${title}`,
    'date_format: MMM DD, YYYY',
    'post_on_text: Posted on',
    'seo:',
    `  title: ${spec.seoTitle ?? `QuickTakes | ${subject}`}`,
    '  page_description: >-',
    `    This content explains ${title.toLowerCase()}`,
    '  page_keywords: >-',
    '    keyword one, keyword two',
    'author: QuickTakes',
    'question: >-',
    `    ${spec.question ?? title}`,
    'answer: >-',
    `    ${spec.answer ?? 'The answer has **bold** text.\\n\\n- one\\n- two'}`,
    `subject: ${subject}`,
    `file_name: ${spec.fileName ?? `${spec.questionKey}.md`}`,
    `url: ${spec.url ?? canonicalUrl(subjectKey, spec.questionKey)}`,
    'score: -1.0',
  ];
  (spec.related ?? []).forEach((r, i) => {
    lines.push(
      `related_article${i + 1}:`,
      `    id: ${r.id}`,
      '    title: >-',
      `        ${r.title}`,
      `    subject: ${r.subject ?? subject}`,
      `    url: ${r.url}`,
    );
  });
  if (spec.extra) lines.push(spec.extra);
  lines.push('---', '', '&nbsp;');
  return lines.join('\n');
}

/** A related spec pointing at another fixture article, consistently. */
export function linkTo(spec: ArticleSpec): RelatedSpec {
  const subjectKey = spec.subjectKey ?? 'psychology';
  return { id: spec.id ?? 1, title: spec.title ?? titleOf(spec.questionKey), url: canonicalUrl(subjectKey, spec.questionKey) };
}

export const LEARN_ROOT = '/ws/content/learn';

/** The preview's answer HTML without the blocks' `data-line` (the preview's only addition to the site's HTML). */
export function withoutSourceLines(html: string): string {
  return html.replace(/ data-line="\d+"/g, '');
}

export function fixtureArticle(spec: ArticleSpec, text = articleText(spec)): Article {
  const subjectKey = spec.subjectKey ?? 'psychology';
  return articleFromText(
    { path: `${LEARN_ROOT}/${subjectKey}/${spec.questionKey}.md`, learnRoot: LEARN_ROOT, subjectKey, questionKey: spec.questionKey },
    text,
  );
}

/** An in-memory corpus of fixture articles. */
export function fixtureCorpus(specs: ArticleSpec[]): Corpus {
  const corpus = new Corpus(LEARN_ROOT);
  for (const s of specs) corpus.set(fixtureArticle(s));
  return corpus;
}

/**
 * The bundled sample's articles as workspace files (for `writeWorkspace`), once
 * per suffix, each copy under its subject folders with the suffix appended.
 */
export function sampleFiles(suffixes: readonly string[] = ['']): Record<string, string> {
  const files: Record<string, string> = {};
  const sample = listArticles(path.join(PROJECT_ROOT, 'sample/content/learn'));
  for (const suffix of suffixes) {
    for (const l of sample) files[`content/learn/${l.subjectKey}${suffix}/${l.questionKey}.md`] = fs.readFileSync(l.path, 'utf8');
  }
  return files;
}

/** Writes a workspace (`<tmp>/content/learn/...`) and returns its root. */
export function writeWorkspace(files: Record<string, string>, prefix = 'qt-ws-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return root;
}

export function workspaceOf(specs: ArticleSpec[]): Record<string, string> {
  return Object.fromEntries(specs.map((s) => [`content/learn/${s.subjectKey ?? 'psychology'}/${s.questionKey}.md`, articleText(s)]));
}
