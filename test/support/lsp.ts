/**
 * A real LSP client for tests, talking to the server with
 * vscode-languageserver-protocol as an editor would: `TestClient` starts the
 * built server as a process over stdio; `LspClient` is the client on any pair of
 * streams (see inProcess.ts for the server in the test's own process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  createMessageConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type CodeLens,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Definition,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FileEvent,
  type Hover,
  type Location,
  type LocationLink,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
  type Position,
  type PrepareRenameResult,
  type Range,
  type Registration,
  type RegistrationParams,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { PROJECT_ROOT } from './corpus';

export const SERVER = path.join(PROJECT_ROOT, 'dist/server.js');

/** A file's URI as VS Code sends it (vscode-uri: node:url encodes some characters and drive letters differently). */
export function uriOf(p: string): string {
  return URI.file(p).toString();
}

/** Applies LSP text edits to a text the way editors do (vscode-languageserver-textdocument). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  /** What the server registered dynamically (`client/registerCapability`), in order. */
  readonly registrations: Registration[] = [];
  /** `quicktakes/status` notifications, in order (not in `notifications`). */
  readonly statuses: StatusParams[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  /** What the server wrote besides messages (shown when a wait times out). */
  stderr = '';

  /** `processId` is sent in `initialize`: the server exits when that process is gone. */
  constructor(
    reader: MessageReader,
    writer: MessageWriter,
    private readonly processId: number | null = process.pid,
  ) {
    this.connection = createMessageConnection(reader, writer);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (s) => {
      this.statuses.push(s);
      this.wake();
    });
    this.connection.onNotification((method: string, params: object | unknown[] | undefined) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      // progress arrives as `$/progress`, which the connection routes by token
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.notifications.push({ method: '$/progress', params: { token, value } });
        this.wake();
      });
      return null;
    });
    this.connection.onRequest('client/registerCapability', (p: RegistrationParams) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.listen();
  }

  settings: Record<string, unknown> = { diagnosticsDelay: 0 };

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Initializes with one workspace folder, or several (the first is the root). */
  async initialize(workspace: string | string[] | undefined, extraCapabilities: Record<string, unknown> = {}): Promise<unknown> {
    const folders = workspace === undefined ? [] : [workspace].flat();
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: this.processId,
      rootUri: folders.length > 0 ? uriOf(folders[0]) : null,
      workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: uriOf(f), name: i === 0 ? 'ws' : `ws${i + 1}` })) : null,
      initializationOptions: this.settings,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {} },
        ...extraCapabilities,
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves when `predicate` holds, re-checked on every message from the server. */
  async until<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async ready(): Promise<void> {
    await this.until(() => this.statuses.some((s) => s.state === 'ready' || s.state === 'idle'), 'the index');
  }

  /** Opens `file` under `uri`: VS Code's spelling of its URI unless another client's is given. */
  async open(file: string, text: string, uri = uriOf(file)): Promise<string> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'quicktakes', version: 1, text },
    });
    return uri;
  }

  async change(uri: string, text: string, range?: Range): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text } : { text }],
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Waits until the diagnostics of `uri` satisfy `predicate` and returns them. */
  async diagnosticsOf(
    uri: string,
    predicate: (d: Diagnostic[]) => boolean = () => true,
    what = `diagnostics of ${uri}`,
  ): Promise<Diagnostic[]> {
    return this.until(() => {
      const d = this.diagnostics.get(uri);
      return d && predicate(d) ? d : undefined;
    }, what);
  }

  // --- language feature requests, as an editor sends them ---

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  definition(uri: string, position: Position): Promise<Definition | LocationLink[] | null> {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
  }

  documentLinks(uri: string): Promise<DocumentLink[] | null> {
    return this.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  references(uri: string, position: Position, includeDeclaration = false): Promise<Location[] | null> {
    return this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  codeLens(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  workspaceSymbols(query: string): Promise<SymbolInformation[] | WorkspaceSymbol[] | null> {
    return this.connection.sendRequest(WorkspaceSymbolRequest.type, { query });
  }

  prepareRename(uri: string, position: Position): Promise<PrepareRenameResult | null> {
    return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position });
  }

  rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName });
  }

  stop(): Promise<void> {
    this.connection.dispose();
    return Promise.resolve();
  }
}

/** The built server as a process over stdio (or the given transport arguments). */
export class TestClient extends LspClient {
  readonly process: ChildProcess;

  /** `server` and `env`: another build's server script and its environment (the bench compares two builds). */
  constructor(args: string[] = ['--stdio'], { server = SERVER, env }: { server?: string; env?: NodeJS.ProcessEnv } = {}) {
    const child = spawn(process.execPath, [server, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    super(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.process = child;
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
  }

  override async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
      setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
    });
    this.connection.dispose();
  }
}
