/**
 * A synthetic corpus N times the real one: copy k (1 ≤ k < N) of every article
 * gets the question-key `<key>-c<k>`, a question ending in the word `c<k>` (so
 * that it still matches its file name, and copies do not ask one question) and
 * the id `id + k·OFFSET`, and every related link in it is remapped the same way,
 * so each copy is a consistent corpus of its own with the real one's link
 * structure and defects (unknown ids stay unknown, broken and moved urls stay
 * broken and moved, duplicate ids and questions stay duplicated, title drift
 * stays). Copy 0 is the real corpus itself. The site's files are written
 * beside it: the subject list as it is, the redirect table with each entry once
 * per copy (so that old addresses keep being served, or not, in every copy).
 *
 *   node --import tsx bench/synth.ts <learn folder> <out dir> [--scale 10]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listArticles } from '../server/src/core/loading/workspace';
import { parseRedirectTable, redirectOf, REDIRECTS_EXPORT } from '../server/src/core/site/routes';
import { defaultSiteFilePaths } from '../server/src/core/site/siteFiles';

const VERSION = 3;

export interface SynthResult {
  /** The folder holding `content/learn`. */
  root: string;
  files: number;
  reused: boolean;
  ms: number;
}

/** Rewrites one article's text for copy `k`. */
export function remap(text: string, k: number, offset: number): string {
  if (k === 0) return text;
  const suffix = `-c${k}`;
  return text.replace(/^(---\r?\n[\s\S]*?\r?\n---)/, (front) =>
    front
      // ids: the article's own and its links' (a negative one stays negative: it is a defect)
      .replace(
        /^(\s*id: )(-?)(\d+)(\s*)$/gm,
        (_, head: string, sign: string, id: string, tail: string) => `${head}${sign}${Number(id) + k * offset}${tail}`,
      )
      // urls: the question-key of the article's own url and of its links'
      .replace(/^(\s*url: \/learn\/[^/\s]+\/questions\/)([^/?#\s]+)/gm, `$1$2${suffix}`)
      .replace(/^(file_name: .*?)(\.md)?(\s*)$/m, `$1${suffix}$2$3`)
      .replace(/^question:.*(?:\r?\n[ \t]+.*)*/m, (question) => withLastWord(question, `c${k}`)),
  );
}

/**
 * A `question` field (its line and the more-indented lines of its block) with a
 * word added at the end of its value, inside the quotes of a quoted one.
 */
function withLastWord(field: string, word: string): string {
  const lines = field.split('\n');
  const last = lines.length - 1;
  const m = /^(.*?)(["']?)(\s*)$/.exec(lines[last])!;
  lines[last] = `${m[1]} ${word}${m[2]}${m[3]}`;
  return lines.join('\n');
}

/** Writes (or reuses) the ×`scale` corpus of `learn` under `out`. */
export function synthesize(learn: string, out: string, scale: number): SynthResult {
  const started = performance.now();
  const locations = listArticles(learn);
  const marker = path.join(out, 'synth.json');
  const wanted = { version: VERSION, scale, source: path.resolve(learn), sourceFiles: locations.length };
  if (fs.existsSync(marker) && JSON.stringify(JSON.parse(fs.readFileSync(marker, 'utf8'))) === JSON.stringify(wanted)) {
    return { root: out, files: locations.length * scale, reused: true, ms: performance.now() - started };
  }
  fs.rmSync(out, { recursive: true, force: true });
  let maxId = 0;
  const texts = locations.map((l) => {
    const text = fs.readFileSync(l.path, 'utf8');
    for (const m of text.matchAll(/^\s*id: (\d+)\s*$/gm)) maxId = Math.max(maxId, Number(m[1]));
    return text;
  });
  const offset = 10 ** Math.ceil(Math.log10(maxId + 1));
  const made = new Set<string>();
  for (let k = 0; k < scale; k++) {
    locations.forEach((l, i) => {
      const dir = path.join(out, 'content/learn', l.subjectKey);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const name = k === 0 ? `${l.questionKey}.md` : `${l.questionKey}-c${k}.md`;
      fs.writeFileSync(path.join(dir, name), remap(texts[i], k, offset));
    });
  }
  writeSiteFiles(learn, path.join(out, 'content/learn'), scale);
  fs.writeFileSync(marker, JSON.stringify(wanted));
  return { root: out, files: locations.length * scale, reused: false, ms: performance.now() - started };
}

/** The source's site files for the ×`scale` learn folder `to` (none written where the source has none). */
function writeSiteFiles(from: string, to: string, scale: number): void {
  const source = defaultSiteFilePaths(from);
  const target = defaultSiteFilePaths(to);
  if (fs.existsSync(source.subjects)) {
    fs.mkdirSync(path.dirname(target.subjects), { recursive: true });
    fs.copyFileSync(source.subjects, target.subjects);
  }
  if (!fs.existsSync(source.redirects)) return;
  fs.mkdirSync(path.dirname(target.redirects), { recursive: true });
  const { table } = parseRedirectTable(fs.readFileSync(source.redirects, 'utf8'));
  const entries = (table?.entries ?? []).map(redirectOf);
  const copies = Array.from({ length: scale }, (_, k) =>
    entries.map((e) => (k === 0 ? e : { ...e, question: `${e.question}-c${k}` })),
  ).flat();
  fs.writeFileSync(target.redirects, `export const ${REDIRECTS_EXPORT} = ${JSON.stringify(copies, null, 2)};\n`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--scale');
  const scale = at === -1 ? 10 : Number(args[at + 1]);
  const [learn, out] = args.filter((a, i) => !a.startsWith('--') && i !== at + 1);
  if (!learn || !out) {
    console.error('usage: node --import tsx bench/synth.ts <learn folder> <out dir> [--scale 10]');
    process.exit(2);
  }
  const r = synthesize(learn, out, scale);
  console.log(
    `${r.files} articles in ${path.join(r.root, 'content/learn')} (${r.reused ? 'reused' : `written in ${Math.round(r.ms / 1000)} s`})`,
  );
}
