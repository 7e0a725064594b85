/**
 * A copy of a corpus whose ids are scrambled: one seeded bijection over every
 * positive id it uses (article ids and related ids alike), so that the links
 * still agree but an id says nothing about when an article was written. Quality
 * measures run on such a copy, so that no ranking can profit from id proximity.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { random, shuffle } from './random';

/** An `id:` line at the top level or in a related slot (indented), in the front matter. */
const ID_LINE = /^( {0,8})id:( *)(\d+)( *)$/;

function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return 0;
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  return end === -1 ? 0 : end;
}

function* articleFiles(learnRoot: string): Generator<string> {
  for (const subject of fs.readdirSync(learnRoot, { withFileTypes: true })) {
    if (!subject.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(learnRoot, subject.name))) {
      if (file.endsWith('.md')) yield path.join(subject.name, file);
    }
  }
}

/** Copies `learnRoot` into a new temporary folder with ids scrambled; returns the copy's learn root. */
export function scrambledCopy(learnRoot: string, seed: number): { learnRoot: string; dispose(): void } {
  const files = [...articleFiles(learnRoot)].map((rel) => ({ rel, text: fs.readFileSync(path.join(learnRoot, rel), 'utf8') }));
  const ids = new Set<number>();
  for (const { text } of files) {
    const lines = text.split('\n');
    const end = frontMatterEnd(lines);
    for (let i = 1; i < end; i++) {
      const m = ID_LINE.exec(lines[i]);
      if (m) ids.add(Number(m[3]));
    }
  }
  const sorted = [...ids].sort((a, b) => a - b);
  const shuffled = shuffle(sorted, random(seed));
  const map = new Map(sorted.map((id, i) => [id, shuffled[i]]));

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-scrambled-'));
  const copy = path.join(root, 'content/learn');
  for (const { rel, text } of files) {
    const lines = text.split('\n');
    const end = frontMatterEnd(lines);
    for (let i = 1; i < end; i++) {
      lines[i] = lines[i].replace(
        ID_LINE,
        (_all, indent: string, gap: string, id: string, tail: string) => `${indent}id:${gap}${map.get(Number(id))}${tail}`,
      );
    }
    fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
    fs.writeFileSync(path.join(copy, rel), lines.join('\n'));
  }
  return { learnRoot: copy, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
