import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { removeAbandonedTempFiles, tempFileOf } from '../../server/src/core/loading/tempFiles';

describe('temp files of files written whole', () => {
  it("removes those of processes that have ended, and only those of the file asked for; a running process's stay", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-temp-files-'));
    try {
      const file = path.join(dir, 'index.bin');
      const ended = spawnSync(process.execPath, ['-e', '']).pid;
      const names = {
        ended: `index.bin.${ended}.tmp`,
        running: path.basename(tempFileOf(file)),
        notAPid: 'index.bin.later.tmp',
        otherFile: `other.bin.${ended}.tmp`,
        theFile: 'index.bin',
      };
      for (const name of Object.values(names)) fs.writeFileSync(path.join(dir, name), '');
      removeAbandonedTempFiles(file);
      assert.deepEqual(fs.readdirSync(dir).sort(), [names.theFile, names.running, names.notAPid, names.otherFile].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing for a folder not made yet', () => {
    assert.doesNotThrow(() => removeAbandonedTempFiles(path.join(os.tmpdir(), 'qt-no-such-folder', 'index.bin')));
  });
});
