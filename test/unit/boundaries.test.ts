/**
 * The layering rules are enforced by the linter: these prove the ESLint config
 * rejects the imports that would break them (and accepts the allowed ones).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from '../support/corpus';

const eslint = new ESLint({ cwd: PROJECT_ROOT });

/** The `no-restricted-imports` messages for `code` linted as if it were the file at `file`. */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keeps the core free of VS Code, LSP and its adapters', async () => {
    const file = 'server/src/core/answer/excerpt.ts';
    for (const spec of ['vscode', 'vscode-languageserver/node', 'vscode-languageserver-textdocument', 'vscode-languageclient/node']) {
      const found = await restrictedImports(file, `import * as x from '${spec}';\nexport const y = x;\n`);
      assert.equal(found.length, 1, spec);
      assert.match(found[0], /knows nothing of VS Code or LSP/);
    }
    for (const spec of ['../../features/hover', '../../cli/main', '../../protocol', '../../uri', '../../startServer']) {
      const found = await restrictedImports(file, `import * as x from '${spec}';\nexport const y = x;\n`);
      assert.equal(found.length, 1, spec);
    }
    assert.deepEqual(
      await restrictedImports(file, `import { LineIndex } from '../frontMatter/lineIndex';\nexport const y = LineIndex;\n`),
      [],
    );
  });

  it('lets the client import the protocol module and nothing else of the server', async () => {
    const file = 'client/src/status.ts';
    assert.deepEqual(
      await restrictedImports(
        file,
        `import { STATUS_NOTIFICATION } from '../../server/src/protocol';\nexport const y = STATUS_NOTIFICATION;\n`,
      ),
      [],
    );
    const found = await restrictedImports(file, `import { lint } from '../../server/src/core/lint/lint';\nexport const y = lint;\n`);
    assert.equal(found.length, 1);
    assert.match(found[0], /only the protocol module/);
  });
});
