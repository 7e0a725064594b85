import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { removeAbandonedTempFiles, tempFileOf, writeWhole } from '../../server/src/core/loading/tempFiles';

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

  it('writes a file whole in a folder it makes, and leaves no temp file when the write fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-temp-files-'));
    try {
      const file = path.join(dir, 'new', 'index.bin');
      await writeWhole(file, [Buffer.from('ab'), Buffer.from('c')]);
      assert.equal(fs.readFileSync(file, 'utf8'), 'abc');
      const taken = path.join(dir, 'taken');
      fs.mkdirSync(path.join(taken, 'not-empty'), { recursive: true });
      await assert.rejects(writeWhole(taken, 'x'));
      assert.deepEqual(fs.readdirSync(dir).sort(), ['new', 'taken']);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'new')), ['index.bin']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing for a folder not made yet', () => {
    assert.doesNotThrow(() => removeAbandonedTempFiles(path.join(os.tmpdir(), 'qt-no-such-folder', 'index.bin')));
  });
});
