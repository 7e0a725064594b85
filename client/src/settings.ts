/**
 * The `quicktakes.*` settings as the server is sent them: only those set in user,
 * workspace or folder settings, so that the project's `.quicktakes.jsonc` applies
 * wherever nothing is set explicitly (VS Code would otherwise fill in defaults).
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { Settings } from '../../server/src/protocol';

const KEYS = ['contentGlob', 'severity', 'diagnosticsDelay'] as const satisfies readonly (keyof Settings)[];

export function explicitSettings(scope?: vscode.Uri): Partial<Settings> {
  const section = vscode.workspace.getConfiguration('quicktakes', scope);
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const found = section.inspect(key);
    const layers = [found?.globalValue, found?.workspaceValue, found?.workspaceFolderValue].filter((v) => v !== undefined);
    if (layers.length === 0) continue;
    // severities merge code by code, the narrower scope winning; other settings are replaced whole
    out[key] = key === 'severity' ? Object.assign({}, ...layers) : layers[layers.length - 1];
  }
  return out as Partial<Settings>;
}

/** Answers the server's `workspace/configuration` requests for `quicktakes` with the explicit settings only. */
export const settingsMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const answer = await next(params, token);
      if (!Array.isArray(answer)) return answer;
      return params.items.map((item, i) =>
        item.section === 'quicktakes' ? explicitSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answer[i],
      );
    },
  },
};
