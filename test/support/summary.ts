/** Comparing index summaries as plain data (the bulk loader's links keep their ranges behind getters). */
import { articleFromText, plainLink, type Article } from '../../server/src/core/corpus/article';
import { plainArticle as copyOfArticle } from '../../server/src/core/corpus/table';
import type { ArticleModel, Field } from '../../server/src/core/frontMatter/model';
import type { ArticleLocation } from '../../server/src/core/site/paths';

export function plainArticle(a: Article): unknown {
  return JSON.parse(JSON.stringify({ ...copyOfArticle(a), links: a.links.map(plainLink) }));
}

/** The summary the exact path gives: `summarize(readArticleModel(text))`, BOM stripped. */
export function referenceSummary(location: ArticleLocation, text: string): unknown {
  return plainArticle(articleFromText(location, text, false));
}

/**
 * A model as plain data (scanned fields keep their ranges behind getters), to
 * compare models from different producers: leave out `producer`, and the raw
 * `source` text (which keeps a CRLF file's `\r`) when asked.
 */
export function plainModel(m: ArticleModel, options: { source?: boolean; producer?: boolean } = {}): unknown {
  const { source = true, producer = true } = options;
  const value = (x: Field) => (source || x.value.kind !== 'scalar' ? x.value : { ...x.value, source: undefined });
  const f = (x: Field | undefined): unknown =>
    x && {
      key: x.key,
      keyRange: x.keyRange,
      valueRange: x.valueRange,
      value: value(x),
      children: x.children && [...x.children.values()].map(f),
    };
  return {
    frontMatter: m.frontMatter,
    fields: [...m.fields.values()].map(f),
    related: m.related.map((r) => ({ n: r.n, field: f(r.field), id: f(r.id), title: f(r.title), url: f(r.url), subject: f(r.subject) })),
    syntaxErrors: m.syntaxErrors,
    ...(producer ? { producer: m.producer } : {}),
  };
}
