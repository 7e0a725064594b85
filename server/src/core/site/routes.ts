/**
 * How the site routes question pages. Its build makes a page for every article
 * file `<subject-key>/<question-key>.md` and for every entry of its redirect
 * table (`constant/mappingQuestions.contant.js`, an exported array of
 * `{ "previous": <subject-key>, "question": <question-key>, "current": <subject-key> }`),
 * and nothing else: every other address is a 404. An entry's page, at
 * `/learn/<previous>/questions/<question>`, shows the article with its
 * question-key from whichever subject folder holds it (a 404 when none does),
 * marked noindex with a canonical link to `/learn/<current>/questions/<question>`.
 */
import { readExportedRecords, type ExportedArray, type ExportedRecord, type ModuleProblem } from './jsModule';

export const REDIRECTS_EXPORT = 'MAPPING_PREVIOUS_QUESTIONS';

export const REDIRECT_FIELDS = ['previous', 'question', 'current'] as const;

export type RedirectField = (typeof REDIRECT_FIELDS)[number];

/** One redirect, as plain values. */
export type Redirect = Record<RedirectField, string>;

/** One entry of the table as written: its values, and the offsets of the entry and of each value's literal. */
export type RedirectEntry = ExportedRecord<RedirectField>;

export class RedirectTable {
  /** `previous/question` → the first entry with them (the one that serves the address). */
  private readonly byAddress = new Map<string, RedirectEntry>();
  private readonly byQuestion = new Map<string, RedirectEntry[]>();

  constructor(
    /** The exported array as written (its elements include entries that are not valid redirects). */
    readonly array: ExportedArray,
    /** The valid entries, in file order. */
    readonly entries: readonly RedirectEntry[],
  ) {
    for (const entry of entries) {
      const address = addressKey(entry.previous.value, entry.question.value);
      if (!this.byAddress.has(address)) this.byAddress.set(address, entry);
      const same = this.byQuestion.get(entry.question.value);
      if (same) same.push(entry);
      else this.byQuestion.set(entry.question.value, [entry]);
    }
  }

  /** The entry that serves `/learn/<subjectKey>/questions/<questionKey>`, if one does. */
  serving(subjectKey: string, questionKey: string): RedirectEntry | undefined {
    return this.byAddress.get(addressKey(subjectKey, questionKey));
  }

  /** The entries naming this question-key. */
  withQuestion(questionKey: string): readonly RedirectEntry[] {
    return this.byQuestion.get(questionKey) ?? [];
  }

  /** The earlier entry with the same `previous` and `question`, when `entry` repeats one. */
  repeated(entry: RedirectEntry): RedirectEntry | undefined {
    const first = this.byAddress.get(addressKey(entry.previous.value, entry.question.value));
    return first !== entry ? first : undefined;
  }

  /** Every `previous/question` address the table serves. */
  addresses(): IterableIterator<string> {
    return this.byAddress.keys();
  }
}

function addressKey(subjectKey: string, questionKey: string): string {
  return `${subjectKey}/${questionKey}`;
}

/** Reads the table's text: the table (its valid entries) and what is wrong; no table when the text is not one at all. */
export function parseRedirectTable(text: string): { table: RedirectTable | undefined; problems: ModuleProblem[] } {
  const { array, records, problems } = readExportedRecords(
    text,
    REDIRECTS_EXPORT,
    REDIRECT_FIELDS,
    '{ "previous": …, "question": …, "current": … }',
  );
  return { table: array && new RedirectTable(array, records), problems };
}

/** The plain values of an entry. */
export function redirectOf(entry: RedirectEntry): Redirect {
  return { previous: entry.previous.value, question: entry.question.value, current: entry.current.value };
}
