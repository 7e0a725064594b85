/**
 * The corpus health report: what `quicktakes report` prints and the "Corpus
 * Health" webview shows. Computed from lint results (the articles reported on,
 * each with its diagnostics) and the corpora they belong to: defects per code
 * and per subject folder, the files with defects, articles without related
 * links, how often each article is linked to, and the clusters of articles
 * asking the same question.
 *
 * "Linked to" follows what readers follow: a related slot links to the article
 * its `url` leads to (the file at that path, else the one file with its
 * question-key elsewhere); several slots of one article leading to the same
 * target count once.
 */
import { normalizeQuestion, questionWords, type Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { CODES, type Code, type Diagnostic, type Severity } from '../checks/diagnostics';
import { atOnce } from '../loading/slices';

/** Articles per step of `inboundLinkSteps`. */
const STEP = 256;

export interface ReportInput {
  /** The articles reported on, each with its diagnostics (severity settings applied). */
  results: { article: Article; diagnostics: Diagnostic[] }[];
  /** Every corpus those articles belong to (links are counted across the whole corpus). */
  corpora: Corpus[];
  /** Groups of articles asking almost the same question (core/authoring/similar.ts), listed when given. */
  nearDuplicates?: Article[][];
}

export interface ArticleRow {
  /** How the adapter names the file (a path relative to the current directory, an absolute path, …). */
  file: string;
  /** The subject folder. */
  subject: string;
  id?: number;
  title?: string;
}

export interface FileRow extends ArticleRow {
  errors: number;
  warnings: number;
  /** Info and hint diagnostics. */
  other: number;
  /** Diagnostics per code. */
  codes: Partial<Record<Code, number>>;
}

export interface CodeRow {
  code: Code;
  /** The default severity of the code. */
  severity: Severity;
  count: number;
  /** Files with at least one. */
  files: number;
}

export interface SubjectRow {
  subject: string;
  articles: number;
  defects: number;
  /** Articles with at least one defect. */
  files: number;
  withoutRelated: number;
  codes: Partial<Record<Code, number>>;
}

/**
 * Articles asking one question: `exact`, every file of the corpus asking it (`question-duplicate`), copies
 * sharing an id included; `near`, an article and those asking almost the same question in other words.
 */
export interface QuestionCluster {
  /** `exact`: the questions are equal once normalized (case, punctuation and spacing aside); `near`: worded almost alike. */
  kind: 'exact' | 'near';
  /** The question they ask, normalized (lowercase words, single spaces); for `near`, that of the first article. */
  question: string;
  /** By file name. */
  articles: ArticleRow[];
}

export interface HealthReport {
  /** The folder files are shown relative to, when their names are absolute paths. */
  root?: string;
  /** Articles reported on. */
  articles: number;
  defects: number;
  bySeverity: Record<Severity, number>;
  byCode: CodeRow[];
  bySubject: SubjectRow[];
  /** Files with at least one defect, most defects first. */
  files: FileRow[];
  /** Articles with no related slot at all. */
  withoutRelated: ArticleRow[];
  /** The articles most linked to, with how many articles link to each. */
  mostLinked: (ArticleRow & { inbound: number })[];
  /** Articles no related slot in the corpus leads to. */
  neverLinked: ArticleRow[];
  /** The questions asked by articles of different ids, where one of them is reported on; the largest first. */
  questionClusters: QuestionCluster[];
}

export interface ReportOptions {
  /** Names a file in the report (default: its absolute path). */
  name?: (path: string) => string;
  /** How many most-linked articles to list (default 25). */
  mostLinked?: number;
  /** Sets `root` of the report. */
  root?: string;
}

const byName = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** How many distinct articles link to each article (by path), over every article of the corpora. */
export function inboundLinks(corpora: readonly Corpus[]): Map<string, number> {
  return atOnce(inboundLinkSteps(corpora));
}

/** `inboundLinks` as steps (see slices.ts), for a server that must keep answering meanwhile. */
export function* inboundLinkSteps(corpora: readonly Corpus[]): Generator<void, Map<string, number>> {
  const inbound = new Map<string, number>();
  let n = 0;
  for (const corpus of corpora) {
    for (const from of corpus.articles()) {
      const targets = new Set<string>();
      for (const link of from.links) {
        const target = link.url !== undefined ? corpus.resolvedArticle(link.url) : undefined;
        if (target && target.path !== from.path) targets.add(target.path);
      }
      for (const t of targets) inbound.set(t, (inbound.get(t) ?? 0) + 1);
      if (++n % STEP === 0) yield;
    }
  }
  return inbound;
}

/** The clusters of articles asking one question under different ids (with at least one of `reported` among them). */
function questionClusters(input: ReportInput, row: (a: Article) => ArticleRow): QuestionCluster[] {
  const reported = new Set(input.results.map((r) => r.article.path));
  const out: QuestionCluster[] = [];
  for (const corpus of input.corpora) {
    for (const [question, articles] of corpus.duplicateQuestions()) {
      if (!articles.some((a) => reported.has(a.path))) continue;
      out.push({ kind: 'exact', question: questionWords(question), articles: articles.map(row).sort(byName) });
    }
  }
  for (const articles of input.nearDuplicates ?? []) {
    if (!articles.some((a) => reported.has(a.path))) continue;
    out.push({ kind: 'near', question: questionWords(normalizeQuestion(articles[0].title ?? '') ?? ''), articles: articles.map(row) });
  }
  return out.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'exact' ? -1 : 1) ||
      b.articles.length - a.articles.length ||
      (a.question < b.question ? -1 : a.question > b.question ? 1 : 0),
  );
}

export function buildReport(input: ReportInput, options: ReportOptions = {}): HealthReport {
  const name = options.name ?? ((p: string) => p);
  const row = (a: Article): ArticleRow => ({ file: name(a.path), subject: a.subjectKey, id: a.id, title: a.title });
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const codes = new Map<Code, CodeRow>();
  const subjects = new Map<string, SubjectRow>();
  const files: FileRow[] = [];
  const withoutRelated: ArticleRow[] = [];
  const neverLinked: ArticleRow[] = [];
  const linked: (ArticleRow & { inbound: number })[] = [];
  const inbound = inboundLinks(input.corpora);

  for (const { article, diagnostics } of input.results) {
    let subject = subjects.get(article.subjectKey);
    if (!subject) {
      subject = { subject: article.subjectKey, articles: 0, defects: 0, files: 0, withoutRelated: 0, codes: {} };
      subjects.set(article.subjectKey, subject);
    }
    subject.articles++;
    if (article.links.length === 0) {
      subject.withoutRelated++;
      withoutRelated.push(row(article));
    }
    const n = inbound.get(article.path) ?? 0;
    if (n === 0) neverLinked.push(row(article));
    else linked.push({ ...row(article), inbound: n });
    if (diagnostics.length === 0) continue;

    const file: FileRow = { ...row(article), errors: 0, warnings: 0, other: 0, codes: {} };
    for (const d of diagnostics) {
      bySeverity[d.severity]++;
      if (d.severity === 'error') file.errors++;
      else if (d.severity === 'warning') file.warnings++;
      else file.other++;
      file.codes[d.code] = (file.codes[d.code] ?? 0) + 1;
      subject.codes[d.code] = (subject.codes[d.code] ?? 0) + 1;
    }
    for (const code of Object.keys(file.codes) as Code[]) {
      let c = codes.get(code);
      if (!c) codes.set(code, (c = { code, severity: CODES[code].severity, count: 0, files: 0 }));
      c.count += file.codes[code]!;
      c.files++;
    }
    subject.defects += diagnostics.length;
    subject.files++;
    files.push(file);
  }

  const total = (f: FileRow) => f.errors + f.warnings + f.other;
  return {
    ...(options.root !== undefined ? { root: options.root } : {}),
    articles: input.results.length,
    defects: bySeverity.error + bySeverity.warning + bySeverity.info + bySeverity.hint,
    bySeverity,
    byCode: [...codes.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    bySubject: [...subjects.values()].sort((a, b) => b.defects - a.defects || (a.subject < b.subject ? -1 : 1)),
    files: files.sort((a, b) => total(b) - total(a) || b.errors - a.errors || byName(a, b)),
    withoutRelated: withoutRelated.sort(byName),
    mostLinked: linked.sort((a, b) => b.inbound - a.inbound || byName(a, b)).slice(0, options.mostLinked ?? 25),
    neverLinked: neverLinked.sort(byName),
    questionClusters: questionClusters(input, row),
  };
}
