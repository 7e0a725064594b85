/**
 * What happens when the server dies: restart it (up to a bound, so a server that
 * crashes on start does not loop forever) and tell the author once per session.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

const MAX_RESTARTS = 5;
const WINDOW_MS = 3 * 60 * 1000;

export class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];
  private told = false;

  constructor(private readonly output: () => vscode.OutputChannel | undefined) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A broken message is not worth a restart; a stream of them is.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length > 0 && now - this.restarts[0] > WINDOW_MS) this.restarts.shift();
    if (this.restarts.length >= MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The QuickTakes language server stopped ${MAX_RESTARTS} times in 3 minutes and will not be restarted. See the "QuickTakes" output for details, then run "Developer: Reload Window".`,
      };
    }
    this.restarts.push(now);
    if (!this.told) {
      this.told = true;
      void vscode.window
        .showWarningMessage('The QuickTakes language server stopped unexpectedly and was restarted.', 'Show Log')
        .then((choice) => choice && this.output()?.show(true));
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
