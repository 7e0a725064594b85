/** Entry point of the `quicktakes` executable. */
import { main } from './cli/main';

// output piped into a reader that stops early (`quicktakes lint | head`): stop quietly, as other tools do
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

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
