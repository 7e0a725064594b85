/**
 * Checks of one article's own front matter against the site's article schema (site/schema.ts):
 * front-matter-missing, yaml-syntax, missing-field, invalid-field, url-mismatch,
 * file-name-mismatch, subject-mismatch.
 */
import { CODES, type Code, type Diagnostic, type FixData } from './diagnostics';
import { textOf, type ArticleModel, type Field, type Range } from '../frontMatter/model';
import { subjectSlug, type ArticleLocation } from '../site/paths';
import {
  FIXED_VALUES,
  isSeoTitleOf,
  isShownSlot,
  locationFields,
  RELATED_SLOT_FIELDS,
  RELATED_SLOTS,
  relatedKey,
  REQUIRED_FIELDS,
  REQUIRED_SLOT_FIELDS,
  SEO_FIELDS,
  seoTitle,
} from '../site/schema';

const TEXT_FIELDS = ['title', 'article_title', 'question', 'subject', 'file_name', 'url'];

export function diagnostic(code: Code, range: Range, message: string, data?: FixData): Diagnostic {
  return { code, severity: CODES[code].severity, message, range, ...(data ? { data } : {}) };
}

/** A short, quoted rendering of a value for messages. */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${s.length > 200 ? `${s.slice(0, 197)}…` : s}\``;
}

/** Checks of the article's own front matter (no other file involved). */
export function checkFields(model: ArticleModel, location: ArticleLocation): Diagnostic[] {
  if (!model.frontMatter) {
    const p = model.frontMatterProblem!;
    return [diagnostic('front-matter-missing', p.range, p.message)];
  }
  const out: Diagnostic[] = model.syntaxErrors.map((e) => diagnostic('yaml-syntax', e.range, `YAML syntax error: ${e.message}`));
  const fenceRange: Range = {
    start: { line: model.frontMatter.openLine, character: 0 },
    end: { line: model.frontMatter.openLine, character: 3 },
  };
  const fields = model.fields;

  if (model.syntaxErrors.length === 0) {
    for (const key of REQUIRED_FIELDS) {
      if (!fields.has(key)) out.push(diagnostic('missing-field', fenceRange, `Required field \`${key}\` is missing.`, { field: key }));
    }
    const seo = fields.get('seo');
    if (seo?.children) {
      for (const key of SEO_FIELDS) {
        if (seo.children.has(key)) continue;
        out.push(diagnostic('missing-field', seo.keyRange, `Required field \`seo.${key}\` is missing.`, { field: `seo.${key}` }));
      }
    }
  }

  out.push(...checkFieldForms(model));
  out.push(...checkLocation(model, location));
  return out;
}

function checkFieldForms(model: ArticleModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fields = model.fields;
  const invalid = (field: Field, message: string) => out.push(diagnostic('invalid-field', field.valueRange, message));

  const id = fields.get('id');
  if (id) checkId(id, 'id', true, invalid);

  const date = fields.get('date');
  if (date) {
    const v = date.value.kind === 'scalar' ? date.value.value : undefined;
    if (typeof v !== 'string' || !isRealDate(v)) {
      invalid(date, `\`date\` must be a real calendar date written YYYY-MM-DD, found ${describe(date)}.`);
    }
  }

  const score = fields.get('score');
  if (score && !(score.value.kind === 'scalar' && typeof score.value.value === 'number')) {
    invalid(score, `\`score\` must be a number, found ${describe(score)}.`);
  }

  for (const key of TEXT_FIELDS) {
    const f = fields.get(key);
    if (f) requireText(f, key, invalid);
  }
  const answer = fields.get('answer');
  if (answer && answer.value.kind !== 'scalar') invalid(answer, `\`answer\` must be text, found ${describe(answer)}.`);

  for (const [key, expected] of Object.entries(FIXED_VALUES)) {
    const f = fields.get(key);
    if (f && textOf(f) !== expected) {
      const message = `\`${key}\` must be ${show(expected)}, found ${describe(f)}.`;
      out.push(diagnostic('invalid-field', f.valueRange, message, { field: key, expected }));
    }
  }

  const seo = fields.get('seo');
  if (seo) {
    if (seo.value.kind !== 'map') invalid(seo, `\`seo\` must be a mapping with ${listed(SEO_FIELDS)}, found ${describe(seo)}.`);
    for (const [key, child] of seo.children ?? []) {
      if ((SEO_FIELDS as readonly string[]).includes(key)) requireText(child, `seo.${key}`, invalid);
    }
  }

  for (const slot of model.related) {
    const key = slot.field.key;
    if (!isShownSlot(slot.n)) {
      out.push(
        diagnostic(
          'invalid-field',
          slot.field.keyRange,
          `\`${key}\`: only \`${relatedKey(1)}\` to \`${relatedKey(RELATED_SLOTS)}\` are shown by the site.`,
        ),
      );
    }
    if (slot.field.value.kind !== 'map') {
      invalid(slot.field, `\`${key}\` must be a mapping with ${listed(RELATED_SLOT_FIELDS)}, found ${describe(slot.field)}.`);
      continue;
    }
    const lacking = REQUIRED_SLOT_FIELDS.filter((k) => !slot[k]);
    if (lacking.length > 0) {
      out.push(diagnostic('invalid-field', slot.field.keyRange, `\`${key}\` lacks ${lacking.map((k) => `\`${k}\``).join(', ')}.`));
    }
    if (slot.id) checkId(slot.id, `${key}.id`, false, invalid);
    if (slot.title) requireText(slot.title, `${key}.title`, invalid);
    if (slot.url) requireText(slot.url, `${key}.url`, invalid);
  }
  return out;
}

function checkId(field: Field, name: string, positive: boolean, invalid: (f: Field, m: string) => void): void {
  const v = field.value.kind === 'scalar' ? field.value.value : undefined;
  const ok = typeof v === 'number' && Number.isSafeInteger(v) && (!positive || v > 0);
  if (!ok) invalid(field, `\`${name}\` must be ${positive ? 'a positive' : 'an'} integer, found ${describe(field)}.`);
}

function requireText(field: Field, name: string, invalid: (f: Field, m: string) => void): void {
  const v = field.value.kind === 'scalar' ? field.value.value : undefined;
  if (typeof v === 'string' ? v.trim() === '' : typeof v !== 'number') {
    invalid(field, `\`${name}\` must be non-empty text, found ${describe(field)}.`);
  }
}

/** Field names for messages: `` `a`, `b` and `c` ``. */
function listed(keys: readonly string[]): string {
  const quoted = keys.map((k) => `\`${k}\``);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function describe(field: Field): string {
  const v = field.value;
  if (v.kind === 'map') return 'a mapping';
  if (v.kind === 'seq') return 'a list';
  if (v.value === null) return 'nothing';
  if (typeof v.value === 'string' && v.value.trim() === '') return 'empty text';
  return show(v.source || v.value);
}

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkLocation(model: ArticleModel, article: ArticleLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fields = model.fields;
  const expectedFields = locationFields(article);
  const url = fields.get('url');
  const expectedUrl = expectedFields.url;
  const urlText = textOf(url);
  if (url && urlText !== undefined && urlText !== expectedUrl) {
    out.push(
      diagnostic('url-mismatch', url.valueRange, `\`url\` is ${show(urlText)}, but this file is served at ${show(expectedUrl)}.`, {
        field: 'url',
        expected: expectedUrl,
      }),
    );
  }
  const fileName = fields.get('file_name');
  const expectedName = expectedFields.file_name;
  const nameText = textOf(fileName);
  if (fileName && nameText !== undefined && nameText !== expectedName) {
    out.push(
      diagnostic(
        'file-name-mismatch',
        fileName.valueRange,
        `\`file_name\` is ${show(nameText)}, but the file is named ${show(expectedName)}.`,
        { field: 'file_name', expected: expectedName },
      ),
    );
  }
  const subject = fields.get('subject');
  const subjectText = textOf(subject);
  if (subject && subjectText !== undefined && subjectSlug(subjectText) !== article.subjectKey) {
    out.push(
      diagnostic(
        'subject-mismatch',
        subject.valueRange,
        `\`subject\` ${show(subjectText)} has the slug ${show(subjectSlug(subjectText))}, but the article is in the folder ${show(article.subjectKey)}.`,
        { field: 'subject' },
      ),
    );
  }
  const seoTitleField = fields.get('seo')?.children?.get('title');
  const seoText = textOf(seoTitleField);
  if (seoTitleField && seoText !== undefined && subjectText !== undefined) {
    if (!isSeoTitleOf(seoText, subjectText)) {
      const expected = seoTitle(subjectText);
      const message = `\`seo.title\` is ${show(seoText)}, expected ${show(expected)}.`;
      out.push(diagnostic('subject-mismatch', seoTitleField.valueRange, message, { field: 'seo.title', expected }));
    }
  }
  return out;
}
