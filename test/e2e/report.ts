/**
 * How the suite's report is told apart from the workbench's own log lines, which
 * arrive through the same channel (the extension host's console).
 */
export const REPORT_PREFIX = '[qt-e2e] ';

/** The report lines in a console line, or undefined for any other log line. */
export function reportLines(line: string): string[] | undefined {
  return line.startsWith(REPORT_PREFIX) ? line.slice(REPORT_PREFIX.length).split('\n') : undefined;
}
