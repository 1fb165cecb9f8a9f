#!/usr/bin/env node
// The explorer and audit CLI, run from the build (dist/). In a clone, `npm install` builds it
// (the prepare script); `npm run build` rebuilds it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('initspec: dist/ is missing: run `npm run build` (npm install in a clone runs it)\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
