/**
 * Custom messages between the QuickTakes client and server, typed once for both
 * sides. This is the only server module the client imports, so it depends on
 * nothing but the message-type classes and type-only imports from the core.
 */
import {
  NotificationType,
  RequestType,
  RequestType0,
  type FileRename,
  type Hover,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { Severity } from './core/checks/diagnostics';
import type { HealthReport } from './core/lint/report';
import type { MoveWarning } from './core/authoring/move';
import type { Redirect } from './core/site/routes';
import { DEFAULT_CONTENT_GLOB } from './core/site/schema';

export type { HealthReport };

/** Server → client: the index state, for the status bar. */
export const STATUS_NOTIFICATION = new NotificationType<StatusParams>('quicktakes/status');

export interface StatusParams {
  state: 'indexing' | 'ready' | 'idle' | 'error';
  articles: number;
  /** Indexing progress, 0..1, while `state` is `indexing`. */
  progress?: number;
  message?: string;
}

/** Settings under `quicktakes.*`, as the server reads them. */
export interface Settings {
  contentGlob: string;
  severity: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  /** Milliseconds to wait after an edit before recomputing diagnostics. */
  diagnosticsDelay: number;
}

export const DEFAULT_SETTINGS: Settings = {
  contentGlob: DEFAULT_CONTENT_GLOB,
  severity: {},
  diagnosticsDelay: 50,
};

/**
 * Client/tests → server: a canonical dump of the index (what each article's
 * summary says), to check that the live index equals a fresh one.
 */
export const INDEX_SNAPSHOT_REQUEST = new RequestType0<IndexSnapshot, void>('quicktakes/indexSnapshot');

export interface IndexSnapshot {
  articles: number;
  /** One line per article, sorted: path, id, title, url, and its links. */
  lines: string[];
}

/** A whole-file position, 0-based, as LSP counts (kept LSP-free here). */
export interface WirePosition {
  line: number;
  character: number;
}

/** A whole-file range, 0-based, as LSP counts. */
export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

/**
 * Client → server: what the preview shows for an article (its HTML parts come
 * from the core renderer, the same one `quicktakes render` uses). `null` when the
 * URI is not an open document or readable article.
 */
export const PREVIEW_REQUEST = new RequestType<PreviewParams, PreviewResult | null, void>('quicktakes/preview');

export interface PreviewParams {
  uri: string;
  /** Show the article with this answer (the answer document's unsaved text) instead of its own. */
  answerText?: string;
}

export interface PreviewRelated {
  /** The N of `related_articleN`. */
  n: number;
  title: string;
  url: string;
  /** The article the site serves at `url`, when it serves. */
  targetUri?: string;
  /** Why the link is broken (a 404 on the site). */
  broken?: string;
}

export interface PreviewResult {
  uri: string;
  question: string;
  /** `post_on_text`, shown before the date. */
  postOnText: string;
  /** The date formatted as the site does (`date_format`, e.g. `Jan 28, 2025`). */
  date: string;
  /** The sanitized answer HTML fragment; each block's `data-line` is the 0-based line of the answer text it starts on. */
  answerHtml: string;
  /** How many lines the answer text has (as the answer document shows it). */
  answerLines: number;
  related: PreviewRelated[];
  /** Where the site serves the article, from its file's place (`/learn/<subject>/questions/<question>`). */
  pageUrl?: string;
  /**
   * Where the parts are in the article's text; absent when the preview shows an answer text that is not
   * the article's (`answerText`).
   */
  source?: PreviewSourceLines;
}

export interface PreviewSourceLines {
  /** Where each line of the answer text begins (columns of one line when the answer is one YAML line), and where the value ends. */
  answer?: { lines: WirePosition[]; end: WirePosition };
  /** Each related link shown, in order: its `related_articleN` slot. */
  related: WireRange[];
}

/**
 * A place in the preview, for scroll sync: -1 the top (heading), 0…n-1 the lines of
 * the answer text (n = `answerLines`), n+i the i-th related link; fractions lie between.
 * The article maps onto it through `PreviewResult.source` (as text offsets).
 */
export type PreviewLine = number;

/** `PreviewResult.source` as offsets into the article's text, as the editor counts them. */
export interface PreviewAnchors {
  answer?: { lines: number[]; end: number };
  related: { start: number; end: number }[];
}

/**
 * What the preview page keeps with the webview's `setState`; VS Code gives it back
 * to the panel serializer after a reload.
 */
export interface PreviewPageState {
  /** The article shown. */
  uri?: string;
  /** The answer document followed, whose unsaved text is shown as the answer. */
  answer?: string;
  locked?: boolean;
  /** The editor group the preview was opened from (the source opens there). */
  sourceColumn?: number;
  /** The preview line at the top, per article shown. */
  scroll?: Record<string, PreviewLine>;
}

/**
 * Extension → preview webview messages. `update` shows an article; `scrollTo`
 * scrolls to where an editor's top is (a preview line, or an offset into the
 * article's text); `update` also tells what the page keeps (PreviewPageState); `ping` asks for `rendered` (what it shows), for end-to-end tests.
 */
export type PreviewHostMessage =
  | { type: 'update'; preview: PreviewResult; anchors?: PreviewAnchors; locked: boolean; answer?: string; sourceColumn: number }
  | { type: 'scrollTo'; line: PreviewLine }
  | { type: 'scrollTo'; offset: number }
  | { type: 'empty'; reason: string }
  | { type: 'ping' };

/**
 * Preview webview → extension messages: `ready` once its script runs; `openRelated`
 * when a related link is clicked; `openLink` for any other link that is not a web
 * address (`href` as written); `revealLine` when the reader scrolled it (its top);
 * `openSource` on a double-click (where); `rendered` in answer to `ping`: the
 * answer's HTML as the webview's DOM holds it, its text length, and its top.
 * An `offset` is into the article's text, when the anchors are known.
 */
export type PreviewWebviewMessage =
  | { type: 'ready' }
  | { type: 'openRelated'; uri: string }
  | { type: 'openLink'; href: string }
  | { type: 'revealLine'; line: PreviewLine; offset?: number }
  | { type: 'openSource'; line: PreviewLine; offset?: number }
  | { type: 'rendered'; uri?: string; html: string; length: number; line: PreviewLine; offset?: number };

/**
 * Client → server: the article a site link in an answer points at (`/learn/<subject>/questions/<question>`,
 * resolved as the site does, in the corpus of the article `uri`), or why the site answers 404; `null` while
 * that corpus is not indexed.
 */
export const RESOLVE_LINK_REQUEST = new RequestType<ResolveLinkParams, ResolveLinkResult | null, void>('quicktakes/resolveLink');

export interface ResolveLinkParams {
  /** The article the link is in. */
  uri: string;
  url: string;
}

export type ResolveLinkResult = { targetUri: string } | { broken: string };

/** Client → server: the subjects (folder key and display name) and next free id of each indexed `learn` folder. */
export const NEW_QUESTION_INFO_REQUEST = new RequestType<NewQuestionInfoParams, NewQuestionInfo, void>('quicktakes/newQuestionInfo');

/** No parameters (send `{}`). */
export type NewQuestionInfoParams = Record<string, never>;

export interface NewQuestionInfo {
  /** `hidden`: the site publishes the subject folder hidden (noindex); absent when the site's subject list is unknown. */
  learnRoots: { uri: string; nextId: number; subjects: { key: string; name: string; hidden?: boolean }[] }[];
}

/**
 * Client → server: the existing articles that ask `question`, in other words
 * too, best first (one per id), from the learn folder `learnRootUri` or from
 * every indexed one. New Question shows them before it creates a file.
 */
export const SIMILAR_QUESTIONS_REQUEST = new RequestType<SimilarQuestionsParams, SimilarQuestionItem[], void>(
  'quicktakes/similarQuestions',
);

export interface SimilarQuestionsParams {
  question: string;
  learnRootUri?: string;
  /** The subject folder the question is asked in, when known: its articles come first among equals. */
  subjectKey?: string;
  /** How many at most (default 5). */
  limit?: number;
}

export interface SimilarQuestionItem {
  uri: string;
  id: number;
  title: string;
  url: string;
  subject?: string;
  /** Similarity, 0–1. */
  score: number;
}

/**
 * Client → server: the text of a new article (the client creates the file and
 * opens it with the cursor at `cursor`), or why it cannot be created.
 */
export const NEW_QUESTION_REQUEST = new RequestType<NewQuestionParams, NewQuestionResult, void>('quicktakes/newQuestion');

export interface NewQuestionParams {
  learnRootUri: string;
  subjectKey: string;
  question: string;
  /** `YYYY-MM-DD`; today (the server's local date) when absent. */
  date?: string;
  /** Create it even when its question-key exists in another subject folder. */
  allowCollision?: boolean;
}

export type NewQuestionResult =
  /** `notice`: something the author should know once it is created (its subject is published hidden). */
  | { uri: string; text: string; cursor: { line: number; character: number }; notice?: string }
  | { error: string; reason?: 'empty' | 'exists' | 'collision'; existingUri?: string };

/** Client → server: articles matching a query, for the "Insert Related Article" quick pick. */
export const RELATED_CANDIDATES_REQUEST = new RequestType<RelatedCandidatesParams, RelatedCandidate[], void>(
  'quicktakes/relatedCandidates',
);

export interface RelatedCandidatesParams {
  /** The article being edited (excluded, with its id and the articles it already links to). */
  uri: string;
  query: string;
  limit?: number;
}

export interface RelatedCandidate {
  uri: string;
  id?: number;
  title: string;
  subject?: string;
  url: string;
}

/** Client → server: the edits that fill the next free `related_articleN` slot with a link to `targetUri`. */
export const INSERT_RELATED_REQUEST = new RequestType<InsertRelatedParams, InsertRelatedResult, void>('quicktakes/insertRelated');

export interface InsertRelatedParams {
  uri: string;
  targetUri: string;
}

export type InsertRelatedResult = { n: number; edits: { range: WireRange; newText: string }[] } | { error: string };

/**
 * The server's command (`workspace/executeCommand`, arguments `[articleUri]`) that fills the
 * article's empty related slots with the best suggestions; it answers a `SuggestRelatedResult`.
 */
export const SUGGEST_RELATED_COMMAND = 'quicktakes.suggestRelated';

export interface SuggestRelatedResult {
  /** The slots filled, with the id and url each now links to. */
  filled: { n: number; id: number; url: string; title: string }[];
  /** Why nothing was filled. */
  message?: string;
}

/** Client → server: the related slots of other articles that point at this one. */
export const BACKLINKS_REQUEST = new RequestType<BacklinksParams, BacklinkItem[], void>('quicktakes/backlinks');

export interface BacklinksParams {
  uri: string;
}

export interface BacklinkItem {
  uri: string;
  /** The N of the referrer's `related_articleN`. */
  n: number;
  title?: string;
  /** The referrer's subject folder. */
  subject?: string;
  /** The `related_articleN` key in the referrer. */
  range: WireRange;
}

/**
 * Client → server: every diagnostic of every indexed article (severity settings
 * applied), for "Lint Workspace". Cancellable.
 */
export const LINT_WORKSPACE_REQUEST = new RequestType<LintWorkspaceParams, LintWorkspaceResult | null, void>('quicktakes/lintWorkspace');

/** No parameters (send `{}`); `null` comes back when the client cancelled. */
export type LintWorkspaceParams = Record<string, never>;

export interface LintWorkspaceResult {
  /** Articles checked (the site's files are not counted, but their problems are listed). */
  files: number;
  counts: { error: number; warning: number; info: number; hint: number };
  /** Only files with diagnostics. */
  problems: {
    uri: string;
    diagnostics: { range: WireRange; severity: 'error' | 'warning' | 'info' | 'hint'; code: string; message: string }[];
  }[];
}

/** Client → server: the server process's memory and index size (for `npm run bench` and troubleshooting). */
export const STATS_REQUEST = new RequestType0<ServerStats, void>('quicktakes/stats');

export interface ServerStats {
  /** Bytes, as `process.memoryUsage()` gives them. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  articles: number;
  indexed: boolean;
}

/**
 * Client → server: the corpus health report (server/src/core/lint/report.ts) of every
 * indexed article, severity settings applied, for the "Corpus Health" webview.
 * File names are absolute paths, shown relative to the report's `root`.
 * Cancellable: `null` comes back when the client cancelled.
 */
export const CORPUS_HEALTH_REQUEST = new RequestType<CorpusHealthParams, HealthReport | null, void>('quicktakes/corpusHealth');

/** No parameters (send `{}`). */
export type CorpusHealthParams = Record<string, never>;

/** Extension → health webview. `ping` asks the webview to answer with `rendered` (what it shows), for end-to-end tests. */
export type HealthHostMessage =
  { type: 'report'; report: HealthReport } | { type: 'loading'; message?: string } | { type: 'error'; message: string } | { type: 'ping' };

/** Health webview → extension: `open` when a file is clicked, `refresh` for a new report. */
export type HealthWebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'open'; file: string }
  | { type: 'rendered'; articles: number; tables: number; rows: number; files: number };

/** A text document by URI, as LSP names one. */
export interface AnswerDocumentParams {
  textDocument: { uri: string };
}

/**
 * Client → server: an article's answer as the site reads it (the YAML value with
 * every two-character `\n` turned into a line break); `null` when the file has no
 * readable answer. Reads the open document when there is one, else the file.
 */
export const ANSWER_TEXT_REQUEST = new RequestType<AnswerDocumentParams, AnswerTextResult | null, void>('quicktakes/answerText');

export interface AnswerTextResult {
  text: string;
}

/**
 * Client → server: the edits that make the article's answer read as `text`, in
 * the article's own style, nothing else changed (empty when it already does). A
 * text no answer can hold (a typed `\n` pair) or an unreadable article is an
 * error response with the reason.
 */
export const SET_ANSWER_TEXT_REQUEST = new RequestType<SetAnswerTextParams, { range: WireRange; newText: string }[], void>(
  'quicktakes/setAnswerText',
);

export interface SetAnswerTextParams extends AnswerDocumentParams {
  text: string;
}

/**
 * Client → server: the answer checks of an answer text (the answer document's
 * own, unsaved text), in that text's positions, with their fixes as edits of the
 * text; a typed `\n` pair is an error (`answer-typed-newline`).
 */
export const ANSWER_DIAGNOSTICS_REQUEST = new RequestType<AnswerDiagnosticsParams, AnswerDiagnostic[], void>(
  'quicktakes/answerDiagnostics',
);

export interface AnswerDiagnosticsParams {
  /** The article the answer belongs to: its folder's config decides severities and whether it is ignored. */
  textDocument?: { uri: string };
  text: string;
}

export interface AnswerDiagnostic {
  range: WireRange;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  fix?: { title: string; edits: { range: WireRange; newText: string }[] };
}

/**
 * Client → server: the hover at `position` in an answer text (the answer
 * document's own, unsaved text of the article `textDocument`), in that text's
 * positions: what the site will show in a flagged span, worded as the article's
 * hover on the same span; `null` outside flagged spans.
 */
export const ANSWER_HOVER_REQUEST = new RequestType<AnswerHoverParams, Hover | null, void>('quicktakes/answerHover');

export interface AnswerHoverParams extends AnswerDocumentParams {
  text: string;
  position: { line: number; character: number };
}

/**
 * Server → client: the index changed (files created, edited, deleted, a new
 * index, other settings), so what the views show may have. One notification
 * for a burst of changes, once the index holds them all.
 */
export const CORPUS_CHANGED_NOTIFICATION = new NotificationType<CorpusChangedParams>('quicktakes/corpusChanged');

export interface CorpusChangedParams {
  /** Counts the notifications of this server. */
  version: number;
}

/**
 * Client → server: the data of the Linked From and Links views for one article:
 * the related slots of other articles pointing at it, and its own related
 * slots, each with where it leads and its problems. `null` outside the index.
 */
export const ARTICLE_LINKS_REQUEST = new RequestType<ArticleLinksParams, ArticleLinks | null, void>('quicktakes/articleLinks');

export interface ArticleLinksParams {
  uri: string;
}

export interface ArticleLinks {
  /** True while the index is being built: the lists are empty until a `quicktakes/corpusChanged`. */
  indexing: boolean;
  title?: string;
  linkedFrom: BacklinkItem[];
  links: SlotStatusItem[];
}

export interface SlotStatusItem {
  /** The N of `related_articleN`. */
  n: number;
  /** The `related_articleN` key. */
  range: WireRange;
  title?: string;
  url?: string;
  /** The article the site links the slot to, when there is one. */
  target?: { uri: string; title?: string };
  /** The slot's diagnostics (severity settings applied); none when the slot is fine. */
  problems: { code: string; severity: Severity; message: string }[];
}

/** How many articles a corpus list sends unless asked for another number. */
export const CORPUS_LIST_LIMIT = 500;

/**
 * Client → server: a list of articles over the corpus (articles the project
 * config ignores left out), sorted by path, the first `limit` of them.
 * Cancellable: `null` comes back when the client cancelled.
 */
export const CORPUS_LIST_REQUEST = new RequestType<CorpusListParams, CorpusList | null, void>('quicktakes/corpusList');

export type CorpusListParams = { limit?: number } & (
  | { /** Articles no other article's related slot leads to (by its url). */ list: 'linkedFromNowhere' }
  | { /** Articles without any related slot. */ list: 'withoutRelated' }
  | { /** Articles with problems of `code`. */ list: 'problem'; code: string }
);

export interface CorpusList {
  /** True while the index is being built: the list is empty until a `quicktakes/corpusChanged`. */
  indexing: boolean;
  /** How many articles the whole list has. */
  total: number;
  articles: ListedArticle[];
}

export interface ListedArticle {
  uri: string;
  title?: string;
  /** The subject folder. */
  subject: string;
  id?: number;
  /** In a list of problems: how many of the code it has, and where the first one is. */
  count?: number;
  range?: WireRange;
}

/**
 * Client → server: the problems of every indexed article, counted by code
 * (severity settings applied, ignored articles left out), most first. The first
 * answer lints the whole corpus; later ones recheck only what changed.
 * Cancellable: `null` comes back when the client cancelled.
 */
export const PROBLEM_CODES_REQUEST = new RequestType<ProblemCodesParams, ProblemCodes | null, void>('quicktakes/problemCodes');

/** No parameters (send `{}`). */
export type ProblemCodesParams = Record<string, never>;

export interface ProblemCodes {
  /** True while the index is being built: the list is empty until a `quicktakes/corpusChanged`. */
  indexing: boolean;
  codes: { code: string; severity: Severity; count: number; articles: number }[];
}

/**
 * Client → server: what renaming or moving these article files and subject
 * folders would change, before they move: the edit that `workspace/willRenameFiles`
 * answers (the moved articles' own fields, every related slot linking to them,
 * the redirect table), with the warnings that request shows as `window/showMessage`
 * (an old address that will be a 404, a question-key another subject folder
 * has) for the client to show as it asks whether to apply it.
 */
export const FILE_MOVES_REQUEST = new RequestType<FileMovesParams, FileMovesResult, void>('quicktakes/fileMoves');

export interface FileMovesParams {
  files: FileRename[];
}

export interface FileMovesResult {
  /** `null` when nothing needs to change, or before the workspace is indexed (`notIndexed`). */
  edit: WorkspaceEdit | null;
  notIndexed?: boolean;
  /** The URIs `edit` changes, moved articles first, then the files linking to them and the redirect table. */
  files: string[];
  /** How many articles move. */
  articles: number;
  /** The redirects that keep the moved articles' old addresses (in the table's edit when the workspace has a table). */
  redirects: Redirect[];
  warnings: FileMoveWarning[];
}

/** A warning about a move (one per kind), with the moved articles it concerns (their URIs before the move). */
export interface FileMoveWarning extends Pick<MoveWarning, 'kind' | 'message'> {
  uris: string[];
}
