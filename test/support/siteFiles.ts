/** The site's redirect table and subject list for tests: written in the site's exact layout, or the real ones. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED } from './corpus';

/** The site's own `constant/` folder, as the site has it (beside the corpus archive). */
export const SITE_CONSTANT = path.join(SHARED, 'corpus/site/constant');

export const REAL_SITE_FILES = {
  redirects: path.join(SITE_CONSTANT, 'mappingQuestions.contant.js'),
  subjects: path.join(SITE_CONSTANT, 'topQuestions.contant.js'),
};

export const siteFilesSkipReason: string | false = fs.existsSync(REAL_SITE_FILES.redirects)
  ? false
  : `the site's files are not available (${SITE_CONSTANT} not found)`;

/** A redirect table in the site's exact layout: `[previous, question, current]` per entry. */
export function tableText(entries: [string, string, string][], eol = '\n'): string {
  const body = entries.map(([p, q, c]) =>
    ['  {', `    "previous" : "${p}",`, `    "question" : "${q}",`, `    "current" : "${c}"`, '  }'].join(eol),
  );
  return ['export const MAPPING_PREVIOUS_QUESTIONS = [', ...(body.length ? [body.join(`,${eol}`)] : []), '];', ''].join(eol);
}

/** A subject list in the site's layout (bare keys, trailing commas), with a function after it as the site has. */
export function subjectsText(keys: string[]): string {
  const body = keys.map((k) => `  {\n    title: "${k}",\n    key: "${k}",\n  },`).join('\n');
  return `export const TOP_QUESTIONS_SUBJECTS = [\n${body}\n];\n\nexport const F = async (filer) => (await filer.list(\`learn/\`)).filter((f) => !f.includes('.DS_Store'));\n`;
}
