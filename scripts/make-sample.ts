/**
 * Rebuilds `sample/`, the small bundled workspace: real articles from the
 * corpus chosen so every diagnostic code that the corpus has appears, plus the
 * targets of their related links so most links resolve.
 * Usage: node --import tsx scripts/make-sample.ts <extracted corpus root>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../server/src/core/lint/lint';
import { parseArticleUrl } from '../server/src/core/site/paths';

const corpusRoot = process.argv[2];
if (!corpusRoot) throw new Error('usage: make-sample.ts <corpus root containing content/learn>');
const learn = path.join(corpusRoot, 'content/learn');
const result = lint([learn]);
const corpus = result.corpora[0];
const chosen = new Set<string>();
const perCode = new Map<string, number>();
for (const { article, diagnostics } of result.results) {
  for (const d of diagnostics) {
    const n = perCode.get(d.code) ?? 0;
    if (n < 4 && chosen.size < 40) {
      perCode.set(d.code, n + 1);
      chosen.add(article.path);
      // duplicate ids: bring the twins too
      if (d.code === 'duplicate-id' && article.id !== undefined) for (const t of corpus.withId(article.id)) chosen.add(t.path);
    }
  }
}
// the example article (id 164818, in the shared corpus folder beside the project) and a clean cluster of one subject
for (const a of corpus.articles()) if (a.id === 164818) chosen.add(a.path);
for (const p of [...chosen]) {
  const a = corpus.get(p)!;
  for (const link of a.links) {
    if (chosen.size >= 110) break;
    const parsed = link.url ? parseArticleUrl(link.url) : undefined;
    const target = link.url ? corpus.resolvedArticle(link.url) : undefined;
    if (target) chosen.add(target.path);
    else if (parsed) void parsed;
  }
}
const out = path.resolve('sample/content/learn');
fs.rmSync(path.resolve('sample/content'), { recursive: true, force: true });
for (const p of chosen) {
  const a = corpus.get(p)!;
  const dest = path.join(out, a.subjectKey, `${a.questionKey}.md`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(p, dest);
}
console.log(`sample: ${chosen.size} articles`, Object.fromEntries(perCode));
