// `npm start`: builds, then runs the product on the bundled sample workspace.
// (Issue 9 extends this to serve a real VS Code with the extension installed.)
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status;
if (run(['scripts/build.mjs']) !== 0) process.exit(1);
console.log('\nquicktakes lint sample (the bundled sample workspace: real articles with their real defects)\n');
const status = run(['bin/quicktakes', 'lint', 'sample']);
console.log(`\nexit status ${status}: 1 means error-severity problems were found, as in the real corpus.`);
