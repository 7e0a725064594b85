/**
 * Rebuilds `sample/`, the small bundled workspace: real articles from the
 * corpus chosen so every diagnostic code that the corpus has appears, plus the
 * targets of their related links so most links resolve; and the site's files
 * beside `content/` (see `writeSiteFiles`).
 * Usage: node --import tsx scripts/make-sample.ts <extracted corpus root> [<the site's constant/ folder>]
 *        node --import tsx scripts/make-sample.ts --site-files [<the site's constant/ folder>]   (the site's files only)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendRedirectsEdit } from '../server/src/core/authoring/redirects';
import { applyEdits } from '../server/src/core/authoring/edits';
import { lint } from '../server/src/core/lint/lint';
import { loadCorpusSync } from '../server/src/core/loading/workspace';
import { parseArticleUrl } from '../server/src/core/site/paths';
import { parseRedirectTable, redirectOf, type Redirect } from '../server/src/core/site/routes';
import { DEFAULT_SITE_FILES } from '../server/src/core/site/siteFiles';

const siteFilesOnly = process.argv[2] === '--site-files';
const corpusRoot = process.argv[2];
if (!corpusRoot) throw new Error('usage: make-sample.ts <corpus root containing content/learn> [<site constant folder>]');
const siteConstant = process.argv[3] ?? path.resolve('../shared/corpus/site/constant');
if (!siteFilesOnly) writeArticles();
writeSiteFiles(path.resolve('sample'));

function writeArticles(): void {
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
}

/**
 * The site's subject list as the site has it, and its redirect table in the
 * site's own format but cut down to what the sample can show (the site's 2,167
 * entries name articles the sample lacks): the site's first pair of entries
 * that repeat each other (`redirect-duplicate`; no sample folder holds their
 * question: `redirect-target-missing`), and, written as an author would after
 * moving an article, entries serving the old address of the two questions the
 * sample's related links reach under a former subject most often: one right
 * (those links are `related-moved-url`), one whose `current` is wrong
 * (`redirect-target-missing` with its fix). The sample's other links to moved
 * questions stay 404s (`related-broken-url`, saying where they live now).
 */
function writeSiteFiles(sampleRoot: string): void {
  const target = (file: string) => path.join(sampleRoot, file);
  fs.mkdirSync(path.dirname(target(DEFAULT_SITE_FILES.subjects)), { recursive: true });
  fs.copyFileSync(path.join(siteConstant, path.basename(DEFAULT_SITE_FILES.subjects)), target(DEFAULT_SITE_FILES.subjects));

  const text = fs.readFileSync(path.join(siteConstant, path.basename(DEFAULT_SITE_FILES.redirects)), 'utf8');
  const { table } = parseRedirectTable(text);
  if (!table || table.array.elements.length < 2) throw new Error('the site redirect table has fewer than two entries');
  const repeat = table.entries.find((e) => table.repeated(e))!;
  const kept = [table.repeated(repeat)!, repeat];
  const { elements } = table.array;
  const separator = text.slice(elements[0].end, elements[1].start);
  const cut =
    text.slice(0, elements[0].start) + kept.map((e) => text.slice(e.start, e.end)).join(separator) + text.slice(elements.at(-1)!.end);

  const sample = loadCorpusSync(path.join(sampleRoot, 'content/learn'));
  const referrers = new Map<string, number>();
  for (const article of sample.articles()) {
    for (const link of article.links) {
      const resolved = link.url ? sample.resolveUrl(link.url) : undefined;
      const parsed = link.url ? parseArticleUrl(link.url) : undefined;
      if (resolved?.kind !== 'moved' || !resolved.article || !parsed) continue;
      const key = `${parsed.subjectKey}/${parsed.questionKey}/${resolved.article.subjectKey}`;
      referrers.set(key, (referrers.get(key) ?? 0) + 1);
    }
  }
  const [right, wrong] = [...referrers].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key.split('/'));
  const added: Redirect[] = [
    { previous: right[0], question: right[1], current: right[2] },
    { previous: wrong[0], question: wrong[1], current: wrong[0] },
  ];
  fs.writeFileSync(target(DEFAULT_SITE_FILES.redirects), applyEdits(cut, [appendRedirectsEdit(cut, added)!]));
  console.log('sample redirect table:', [...kept.map(redirectOf), ...added]);
}
