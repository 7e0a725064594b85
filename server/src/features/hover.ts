/**
 * Hover on a related slot: the target's question, subject, date, url and the
 * first lines of its answer, how many articles link to it, and this slot's
 * problems (why it is broken). On the article's own `id`: who links to it. On
 * its `question`: the other articles asking the same question (`question-duplicate`).
 * On its `subject`, when the site's subject list is known: whether its folder is published hidden.
 * Inside a flagged span of the answer: what the site will show (answerHover.ts).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { Article } from '../core/corpus/article';
import { alsoAskedBy, checkRelated, idLabel, shortPath } from '../core/checks/links';
import type { Corpus } from '../core/corpus/corpus';
import { answerExcerpt, escapeMarkdown } from '../core/answer/excerpt';
import type { RelatedSlot } from '../core/frontMatter/model';
import { canonicalUrl } from '../core/site/paths';
import { hiddenSubjectNote } from '../core/site/siteFiles';
import { referringArticles, slotAt, slotRange, slotTarget } from '../core/corpus/targets';
import { rangeContains } from '../core/frontMatter/lineIndex';
import { pathToUri } from '../uri';
import { answerHover } from './answerHover';
import type { Feature, ServerContext } from './context';
import { currentArticle, type CurrentArticle } from './current';

export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover((params): Hover | null => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const inAnswer = current && answerHover(current.model, params.position);
      if (inAnswer) return inAnswer;
      if (!current?.corpus || !current.article) return null;
      const id = current.model.fields.get('id');
      if (id && rangeContains(id.valueRange, params.position)) {
        return { range: id.valueRange, contents: markdown(linkedFrom(current.corpus, current.article, 10)) };
      }
      const question = current.model.fields.get('question');
      if (question && rangeContains(question.valueRange, params.position)) {
        const same = alsoAsked(current.corpus, current.article, 10);
        return same ? { range: question.valueRange, contents: markdown(same) } : null;
      }
      const subject = current.model.fields.get('subject');
      const subjects = current.corpus.site?.subjects;
      if (subject && subjects && rangeContains(subject.valueRange, params.position)) {
        const { subjectKey } = current.article;
        const note =
          hiddenSubjectNote(current.corpus.site, subjectKey) ??
          `The subject folder \`${subjectKey}\` is in the site's subject list: its pages are published and indexed by search engines.`;
        return { range: subject.valueRange, contents: markdown(note) };
      }
      const slot = slotAt(current.model, params.position);
      if (!slot) return null;
      return { range: slotRange(slot), contents: markdown(slotHover(ctx, current, slot)) };
    });
  },
};

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function slotHover(ctx: ServerContext, current: CurrentArticle, slot: RelatedSlot): string {
  const corpus = current.corpus!;
  const problems = checkRelated(current.article!, corpus)
    .filter((d) => d.data?.slot === slot.n)
    .map((d) => `- ⚠ ${d.message}`);
  const target = slotTarget(corpus, slot);
  if (!target) {
    const why = problems.length > 0 ? problems : ['- It names no article this index knows.'];
    return [`**\`${slot.field.key}\` leads to no article**`, '', ...why].join('\n');
  }
  const url = canonicalUrl(target.subjectKey, target.questionKey);
  const facts = [target.subject ?? target.subjectKey, target.date, target.id !== undefined ? `id ${target.id}` : undefined].filter(Boolean);
  const parts = [`**${escapeMarkdown(target.title ?? target.questionKey)}**`, facts.join(' · '), `[\`${url}\`](${pathToUri(target.path)})`];
  // the renderer (core/answer/render.ts) makes HTML; the hover shows the answer's own Markdown
  const excerpt = answerExcerpt(ctx.textOf(target.path));
  if (excerpt) parts.push('---', excerpt);
  parts.push('---', linkedFrom(corpus, target, 0));
  if (problems.length > 0) parts.push(problems.join('\n'));
  return parts.join('\n\n');
}

/** "Linked from N articles", with the first `list` of them. */
function linkedFrom(corpus: Corpus, article: Article, list: number): string {
  const from = referringArticles(corpus, article);
  if (from.length === 0) return 'Linked from no article.';
  const head = `Linked from ${from.length} article${from.length === 1 ? '' : 's'}`;
  if (list === 0) return `${head}.`;
  return [`${head}:`, ...articleItems(from, list, shortPath)].join('\n');
}

/** The first `list` articles as Markdown list items linking to their files (`detail` in parentheses), then how many more. */
function articleItems(articles: Article[], list: number, detail: (a: Article) => string): string[] {
  const items = articles.slice(0, list).map((a) => `- [${escapeMarkdown(a.title ?? a.questionKey)}](${pathToUri(a.path)}) (${detail(a)})`);
  return articles.length > list ? [...items, `- … and ${articles.length - list} more`] : items;
}

/** The articles asking the same question under another id, the first `list` of them; undefined when none does. */
function alsoAsked(corpus: Corpus, article: Article, list: number): string | undefined {
  const same = alsoAskedBy(article, corpus);
  if (same.length === 0) return undefined;
  const head = `**The same question is asked by ${same.length} other article${same.length === 1 ? '' : 's'}** (ignoring case, punctuation and spacing):`;
  return [head, ...articleItems(same, list, (a) => `${shortPath(a)}, ${idLabel(a)}`)].join('\n');
}
