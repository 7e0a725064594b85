/**
 * The QuickTakes language server process: a connection over stdio (`--stdio`)
 * or Node IPC (`--node-ipc`), and the server started on it (startServer.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);

// A bug in one handler must not take the author's editor down with it.
process.on('uncaughtException', (e) => connection.console.error(`quicktakes: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`quicktakes: unhandled rejection: ${(e as Error)?.stack ?? e}`));

startServer(connection);
