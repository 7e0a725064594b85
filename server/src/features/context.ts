/**
 * What every LSP feature module gets: the connection, open documents, the core
 * project, settings. A feature declares its capabilities and registers its
 * handlers; `startServer.ts` only wires them up.
 */
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article } from '../core/corpus/article';
import type { Diagnostic } from '../core/checks/diagnostics';
import type { ArticleModel } from '../core/frontMatter/model';
import type { Project } from '../core/corpus/project';
import type { DiskChange } from '../core/loading/workspaceIndex';
import type { Settings } from '../protocol';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  project: Project;
  /** The settings in force for a path (its folder's project config under explicit settings); without one, the first folder's. */
  settings(path?: string): Settings;
  /** Whether the project config leaves an article unchecked (it is still indexed). */
  isIgnored(path: string): boolean;
  /** False until the first index of the workspace is complete. */
  isIndexed(): boolean;
  /** Calls `listener` each time an index of the workspace is complete. */
  onIndexed(listener: () => void): void;
  /** An article's current text: the open buffer if any, else the file on disk. */
  textOf(path: string): string;
  /** The article and full model behind an open document (undefined outside the corpus). */
  articleOf(uri: string): { article: Article; model: ArticleModel; document: TextDocument } | undefined;
  /** Asks for the diagnostics of these open documents to be recomputed. */
  revalidate(uris: Iterable<string>): void;
  /** Files changed on disk (as the file watcher reports them): the index follows, in order with the watcher's reports. */
  diskChanged(changes: DiskChange[]): void;
  /** Resolves once every file change received so far is in the index. */
  settled(): Promise<void>;
  /** An article's diagnostics as reported: severity settings applied, none for an article the project config ignores. */
  reported(path: string): Diagnostic[];
  /**
   * Calls `listener` when the index changes: with the articles whose summary or
   * diagnostics may have changed, or `'all'` (a new index, other settings).
   */
  onCorpusChanged(listener: (affected: ReadonlySet<string> | 'all') => void): void;
}

export interface Feature {
  capabilities?: ServerCapabilities;
  register(ctx: ServerContext): void;
}
