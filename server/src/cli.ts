/** Entry point of the `quicktakes` executable. */
import { main } from './cli/main';

main(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`quicktakes: ${String(e)}\n`);
    process.exitCode = 3;
  },
);
