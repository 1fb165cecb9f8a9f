#!/usr/bin/env node
// The explorer and audit CLI, run from the build (dist/). In a clone, `npm install` builds it
// (the prepare script); `npm run build` rebuilds it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('initspec: dist/ is missing: run `npm run build` (npm install in a clone runs it)\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
if (argv[0] === 'claim') {
  // one claim of the spec: a lean module that loads vitest, not the explorer's tfjs
  const { runClaimCommand } = await import(new URL('../dist/cli/claimCommand.js', import.meta.url).href);
  process.exitCode = await runClaimCommand(argv.slice(1));
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(argv);
}
