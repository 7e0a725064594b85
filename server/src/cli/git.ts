/**
 * The articles of a learn folder changed since a git ref, for `quicktakes lint
 * --changed-since REF`: every difference between the ref and the working tree
 * (committed, staged, unstaged and untracked files), renames followed. Git
 * runs as a process, as in the author's own shell.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { articleFromText } from '../core/corpus/article';
import type { ArticleChanges } from '../core/lint/changed';
import { UsageError } from '../core/lint/lint';
import { locateArticle, toSlash, type ArticleLocation } from '../core/site/paths';

function git(cwd: string, args: string[], input?: string): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) throw new UsageError(`--changed-since needs git, which could not be run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

function gitText(cwd: string, args: string[]): string {
  const r = git(cwd, args);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

/** The articles of `learnRoot` changed between `ref` and the working tree. */
export function changesSince(ref: string, learnRoot: string): ArticleChanges {
  const top = git(learnRoot, ['rev-parse', '--show-toplevel']);
  if (top.status !== 0) throw new UsageError(`--changed-since: ${learnRoot} is not inside a git repository.`);
  const commit = git(learnRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (commit.status !== 0) throw new UsageError(`--changed-since: ${ref} is not a commit known to the repository at ${learnRoot}.`);
  const sha = commit.stdout.toString('utf8').trim();
  const repo = top.stdout.toString('utf8').trim();
  // git names files from the repository's real path; the learn folder may have been reached through a link
  const realRoot = toSlash(fs.realpathSync(learnRoot));
  const inRepo = toSlash(path.relative(fs.realpathSync(repo), realRoot)) || '.';
  const located = (name: string): ArticleLocation | undefined => {
    const loc = locateArticle(`${learnRoot}/${toSlash(path.relative(inRepo, name))}`);
    return loc?.learnRoot === learnRoot ? loc : undefined;
  };

  const present = new Set<string>();
  const was: ArticleLocation[] = [];
  const fields = gitText(repo, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', sha, '--', inRepo]).split('\0');
  for (let i = 0; i + 1 < fields.length;) {
    const status = fields[i++];
    const from = fields[i++];
    const to = /^[RC]/.test(status) ? fields[i++] : from;
    const before = located(from);
    const now = located(to);
    if (status[0] !== 'A' && status[0] !== 'C' && before) was.push(before);
    if (status[0] !== 'D' && now) present.add(now.path);
  }
  for (const name of gitText(repo, ['ls-files', '--others', '--exclude-standard', '-z', '--', inRepo]).split('\0')) {
    const now = name && located(name);
    if (now) present.add(now.path);
  }
  return { present, before: summariesAt(repo, sha, inRepo, was) };
}

/** Each article with its id and question at the commit, read in one `git cat-file --batch`. */
function summariesAt(repo: string, sha: string, inRepo: string, locations: ArticleLocation[]): ArticleChanges['before'] {
  if (locations.length === 0) return [];
  const names = locations.map((l) => path.posix.join(inRepo, l.path.slice(l.learnRoot.length + 1)));
  const r = git(repo, ['cat-file', '--batch'], names.map((n) => `${sha}:${n}\n`).join(''));
  if (r.status !== 0) throw new Error(`git cat-file --batch failed: ${r.stderr}`);
  const out = r.stdout;
  let at = 0;
  return locations.map((location) => {
    const eol = out.indexOf(10, at);
    const header = out.toString('utf8', at, eol).split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') return { location };
    const size = Number(header[2]);
    const text = out.toString('utf8', at, at + size);
    at += size + 1;
    const { id, normalizedQuestion } = articleFromText(location, text, false);
    return { location, id, normalizedQuestion };
  });
}
