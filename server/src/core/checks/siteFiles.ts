/**
 * Diagnostics of the site's own files: what makes the redirect table or the
 * subject list unreadable (`site-file-invalid`), and, against the corpus, the
 * redirect entries that lead nowhere (`redirect-target-missing`) or repeat an
 * earlier one (`redirect-duplicate`).
 */
import type { Corpus } from '../corpus/corpus';
import type { RedirectEntry, RedirectTable } from '../site/routes';
import type { SiteFileKind, SiteFiles } from '../site/siteFiles';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import { diagnostic, show } from './fields';

/** Every diagnostic of one of a learn folder's site files, in source order (none when it does not exist). */
export function checkSiteFile(site: SiteFiles, kind: SiteFileKind, corpus: Corpus): Diagnostic[] {
  const file = site.file(kind);
  if (file.text === undefined) return [];
  const out = file.problems.map((p) => diagnostic('site-file-invalid', site.rangeOf(kind, p), problemMessage(kind, p.message)));
  if (kind === 'redirects' && site.redirects) out.push(...checkRedirects(site, site.redirects, corpus));
  return out.sort(compareDiagnostics);
}

function problemMessage(kind: SiteFileKind, message: string): string {
  const consequence =
    kind === 'redirects' ? 'the checks follow the rules of a site without a redirect table' : 'no subject is reported as published hidden';
  // a problem with one entry leaves the rest of the file in use
  return message.endsWith('the entry is ignored') ? `${capitalized(message)}.` : `${capitalized(message)}: ${consequence}.`;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function checkRedirects(site: SiteFiles, table: RedirectTable, corpus: Corpus): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lineOf = (entry: RedirectEntry) => site.rangeOf('redirects', entry).start.line + 1;
  for (const entry of table.entries) {
    const { previous, question, current } = entry;
    const earlier = table.repeated(entry);
    if (earlier) {
      const also = earlier.current.value !== current.value ? ` (with \`current\` ${show(earlier.current.value)})` : '';
      out.push(
        diagnostic(
          'redirect-duplicate',
          site.rangeOf('redirects', entry),
          `This entry repeats \`previous\` ${show(previous.value)} and \`question\` ${show(question.value)} of the entry on line ${lineOf(earlier)}${also}; that one already serves the address.`,
        ),
      );
    }
    const holders = corpus
      .withKey(question.value)
      .map((a) => a.subjectKey)
      .sort();
    if (holders.includes(current.value)) continue;
    const message =
      holders.length === 0
        ? `No subject folder holds \`${question.value}.md\`: this entry serves a 404, and \`current\` ${show(current.value)} names one.`
        : `\`current\` ${show(current.value)} holds no \`${question.value}.md\` (it is in ${holders.map((h) => `${h}/`).join(', ')}): the redirect's canonical link points at a 404.`;
    out.push(
      diagnostic(
        'redirect-target-missing',
        site.rangeOf('redirects', current),
        message,
        holders.length === 1 ? { field: 'current', expected: holders[0] } : { field: 'current' },
      ),
    );
  }
  return out;
}
