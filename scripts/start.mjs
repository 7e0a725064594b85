// `npm start`: builds, packages the .vsix, installs it into code-server and serves
// VS Code with the extension on the bundled sample workspace (see scripts/e2e/start.ts).
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/e2e/start.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
