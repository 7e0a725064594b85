/**
 * The language server in the test's own process: `startServer` on one end of a
 * pair of in-memory streams, the same LSP client as for the server process on
 * the other. Messages are framed and parsed as over stdio; what the test gains
 * is a look at the server instance (its index and caches) and no process start.
 */
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { startServer, type ServerDeps, type ServerInstance } from '../../server/src/startServer';
import { LspClient } from './lsp';

export class InProcessClient extends LspClient {
  readonly server: ServerInstance;
  private readonly streams: PassThrough[];
  private readonly serverConnection: Connection;

  /** No index cache by default: a test's folder is its own. */
  constructor(deps: ServerDeps = { indexCacheDir: false }) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // processId null: the server would otherwise watch this very process, with a timer that keeps it alive
    super(new StreamMessageReader(toClient), new StreamMessageWriter(toServer), null);
    this.streams = [toServer, toClient];
    // readers and writers, not raw streams: the server's own connection would end the process when a stream closes
    this.serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    this.server = startServer(this.serverConnection, deps);
  }

  /** `shutdown` (which disposes the server instance), then the streams close; never `exit`, which ends the process. */
  override async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
    } finally {
      this.server.dispose();
      this.serverConnection.dispose();
      this.connection.dispose();
      for (const s of this.streams) s.end();
    }
  }
}
