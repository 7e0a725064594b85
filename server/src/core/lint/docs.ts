/** Where each diagnostic code is explained: a section of docs/checks.md in the project's repository, linked from SARIF rules and editor diagnostics. */
import { repository } from '../../../../package.json';

/** The repository's web address (`package.json` may spell it as a git URL). */
const REPOSITORY = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The page holding a section per code, each headed by the code itself (so its anchor is the code). */
export const CHECKS_DOC = `${REPOSITORY}/blob/main/docs/checks.md`;

export function docsUrl(code: string): string {
  return `${CHECKS_DOC}#${code}`;
}
