/**
 * Publishing diagnostics for open documents: core diagnostics translated to LSP,
 * coalesced per document (a newer change supersedes a pending run), never
 * blocking the message loop for more than one document at a time.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { applySeverities, type Diagnostic, type Severity } from '../core/checks/diagnostics';
import { docsUrl } from '../core/lint/docs';
import { pathToUri } from '../uri';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  // the code shows as a link to its section of docs/checks.md in the Problems panel
  const codeDescription = { href: docsUrl(d.code) };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription,
    source: 'quicktakes',
    message: d.message,
    data: d.data,
    ...(d.related
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: pathToUri(r.path), range: r.range }, message: r.message })) }
      : {}),
  };
}

export interface DiagnosticsSource {
  /** Diagnostics of an open document, or undefined when it is not a QuickTakes article. */
  compute(uri: string): Diagnostic[] | undefined;
  severities(uri: string): Record<string, Severity | 'off'>;
  delay(): number;
}

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** URIs we have published non-empty diagnostics for (to clear them later). */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly source: DiagnosticsSource,
  ) {}

  /**
   * Queues documents for (re)validation after the configured delay; resets the
   * delay. The first runs from a `setImmediate`, behind requests already read
   * (a completion sent right after opening a document answers first).
   */
  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      setImmediate(() => this.drain());
    }, this.source.delay());
  }

  /** Nothing more is published: the pending runs are dropped. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Validates one queued document per turn of the event loop, so requests interleave. */
  private drain(): void {
    const next = this.pending.values().next();
    if (next.done) return;
    const uri = next.value;
    this.pending.delete(uri);
    try {
      this.publish(uri);
    } catch (e) {
      this.connection.console.error(`quicktakes: diagnostics of ${uri} failed: ${(e as Error).stack ?? e}`);
    }
    if (this.pending.size > 0) setImmediate(() => this.drain());
  }

  private publish(uri: string): void {
    const found = this.source.compute(uri);
    if (found === undefined) {
      this.clear(uri);
      return;
    }
    const diagnostics = applySeverities(found, this.source.severities(uri)).map(toLspDiagnostic);
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
