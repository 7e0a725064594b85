/**
 * The workspace the real-editor tests open: the bundled sample (real articles with
 * their real defects), a few hundred more real articles when the corpus is
 * available, hand-made articles whose names and defects the suites know, and the
 * site's redirect table beside `content/` (one real entry) for moves to append to.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusSkipReason, PROJECT_ROOT, realCorpus } from '../support/corpus';
import { articleText, linkTo, titleOf, type ArticleSpec } from '../support/fixtures';
import { tableText } from '../support/siteFiles';

const target: ArticleSpec = { questionKey: 'how-do-e2e-fixtures-link-together', id: 990001 };
const good: ArticleSpec = { questionKey: 'what-makes-an-e2e-fixture-valid', id: 990002, related: [linkTo(target)] };
const broken: ArticleSpec = {
  questionKey: 'why-is-this-e2e-fixture-broken',
  id: 990003,
  url: '/learn/psychology/questions/a-wrong-key',
  fileName: 'another-name.md',
  related: [
    { ...linkTo(target), title: 'An outdated title?' },
    { ...linkTo(good), id: 123456789 },
  ],
};
const unlinked: ArticleSpec = { questionKey: 'which-e2e-article-is-related', id: 990004 };
/** Moved to another subject folder by the moves suite; `linksToMover` links to it. */
const mover: ArticleSpec = { questionKey: 'which-e2e-article-moves-to-physics', id: 990005 };
const linksToMover: ArticleSpec = { questionKey: 'which-e2e-article-links-to-the-mover', id: 990006, related: [linkTo(mover)] };

const file = (s: ArticleSpec) => `content/learn/${s.subjectKey ?? 'psychology'}/${s.questionKey}.md`;

/** The hand-made articles' specs, for suites that compute expected text with `articleText`. */
export const SPECS = { target, good, broken, unlinked, mover, linksToMover } as const;

/** Workspace-relative paths and facts of the hand-made articles. */
export const FIXTURE = {
  target: { path: file(target), id: 990001, title: titleOf(target.questionKey) },
  good: { path: file(good), id: 990002 },
  broken: {
    path: file(broken),
    codes: ['url-mismatch', 'file-name-mismatch', 'related-title-mismatch', 'related-unknown-id'],
  },
  unlinked: { path: file(unlinked), id: 990004 },
  mover: { path: file(mover) },
  linksToMover: { path: file(linksToMover) },
  noFrontMatter: { path: 'content/learn/psychology/where-did-the-e2e-front-matter-go.md' },
  redirects: {
    path: 'constant/mappingQuestions.contant.js',
    entries: [['criminal-or-civil-law', 'what-is-a-legal-opinion-in-the-context-of-an-audit', 'business-and-management']],
  },
} as const;

/** Real articles taken from each subject folder of the corpus (when available), beside the sample. */
const PER_SUBJECT = 8;

/** Writes the fixture workspace into a new temp folder and returns it. */
export function writeFixtureWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-e2e-ws-'));
  const learn = path.join(root, 'content/learn');
  if (!corpusSkipReason) {
    const corpusLearn = path.join(realCorpus(), 'content/learn');
    for (const subject of fs.readdirSync(corpusLearn).sort()) {
      const names = fs.readdirSync(path.join(corpusLearn, subject)).sort().slice(0, PER_SUBJECT);
      fs.mkdirSync(path.join(learn, subject), { recursive: true });
      for (const n of names) fs.copyFileSync(path.join(corpusLearn, subject, n), path.join(learn, subject, n));
    }
  }
  fs.cpSync(path.join(PROJECT_ROOT, 'sample/content/learn'), learn, { recursive: true });
  const handMade: Record<string, string> = {
    [FIXTURE.target.path]: articleText(target),
    [FIXTURE.good.path]: articleText(good),
    [FIXTURE.broken.path]: articleText(broken),
    [FIXTURE.unlinked.path]: articleText(unlinked),
    [FIXTURE.mover.path]: articleText(mover),
    [FIXTURE.linksToMover.path]: articleText(linksToMover),
    [FIXTURE.noFrontMatter.path]: 'Only a body, no front matter.\n',
    [FIXTURE.redirects.path]: tableText(FIXTURE.redirects.entries.map((e) => [...e])),
    'README.md': '# Not an article\n\nOther Markdown keeps the markdown language.\n',
  };
  for (const [rel, text] of Object.entries(handMade)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
