/** A server that dies is restarted by the client, and the author's editing goes on. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, codeOf, diagnosticsWith, openArticle, until } from './util';

/** The language server's process: a child of this extension host running dist/server.js. */
function serverPid(): number | undefined {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => /dist\/server\.js/.test(l));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

describe('server restart', () => {
  after(closeAll);

  it('restarts a killed server and keeps checking the open article', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    const doc = editor.document;
    const first = await until(() => serverPid(), 'the server process');
    process.kill(first, 'SIGKILL');
    const second = await until(() => {
      const pid = serverPid();
      return pid !== undefined && pid !== first ? pid : undefined;
    }, 'a new server process');
    assert.notEqual(second, first);
    // the new server indexes and checks again: break the file name, see it flagged
    const offset = doc.getText().indexOf('file_name: ') + 'file_name: '.length;
    const at = doc.positionAt(offset);
    await editor.edit((b) => b.insert(at, 'x'));
    const ds = await diagnosticsWith(doc.uri, ['file-name-mismatch']);
    assert.ok(ds.some((d) => codeOf(d) === 'file-name-mismatch'));
    await editor.edit((b) => b.delete(new vscode.Range(at, at.translate(0, 1))));
    await until(() => vscode.languages.getDiagnostics(doc.uri).length === 0, 'the diagnostics to clear');
    await doc.save();
  });
});
