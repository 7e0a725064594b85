/**
 * The site's subject list: `TOP_QUESTIONS_SUBJECTS` in
 * `constant/topQuestions.contant.js`, an exported array of `{ title, key }`.
 * Subject folders it does not list are still published, but hidden: their
 * pages are noindex, kept out of search engines.
 */
import { readExportedRecords, type ExportedRecord, type ModuleProblem } from './jsModule';

export const SUBJECTS_EXPORT = 'TOP_QUESTIONS_SUBJECTS';

const SUBJECT_FIELDS = ['title', 'key'] as const;

export type SubjectEntry = ExportedRecord<(typeof SUBJECT_FIELDS)[number]>;

export class SubjectList {
  private readonly keys: ReadonlySet<string>;

  constructor(readonly entries: readonly SubjectEntry[]) {
    this.keys = new Set(entries.map((e) => e.key.value));
  }

  /** Whether the site lists this subject folder (else its pages are published hidden). */
  lists(subjectKey: string): boolean {
    return this.keys.has(subjectKey);
  }
}

/** Reads the subject list's text: the list (its valid entries) and what is wrong; no list when the text is not one at all. */
export function parseSubjectList(text: string): { list: SubjectList | undefined; problems: ModuleProblem[] } {
  const { array, records, problems } = readExportedRecords(text, SUBJECTS_EXPORT, SUBJECT_FIELDS, '{ title: …, key: … }');
  return { list: array && new SubjectList(records), problems };
}
