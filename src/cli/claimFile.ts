/**
 * Which spec file holds a claim, read from the files' text, not by loading them: loading every
 * spec file to find one name is what made `vitest run -t "^C1 · "` cost ~10 s. A claim's id is
 * written in its file as `id: 'C4'` or as a helper's first argument (`drawStdClaim('C3-std', …)`);
 * a recipe that builds its ids from a template (src/claim/tailClaim.ts: `Z-${chain}`) is found
 * by the rest of the id in a spec file (`chain: 'C2'`). `spec/harness/claimFile.test.ts` checks
 * that every claim of the α ledger resolves to exactly one file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ClaimFile {
  file: string;
  /** how it was found */
  how: string;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spec files (spec/*.spec.ts) under `root`, relative to it. */
export function specFiles(root: string): string[] {
  return readdirSync(path.join(root, 'spec'))
    .filter((name) => name.endsWith('.spec.ts'))
    .sort()
    .map((name) => path.join('spec', name));
}

/** The id prefixes the recipes build from templates (`Z-${chain}` gives "Z-"). */
function templatePrefixes(root: string): string[] {
  const dir = path.join(root, 'src', 'claim');
  const text = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
  return [...text.matchAll(/\bid = `([\w.-]+)\$\{/g)].map((m) => m[1] as string);
}

/** The files that declare `id`: one in a tidy spec, none for an unknown id. */
export function findClaimFiles(id: string, root: string): ClaimFile[] {
  if (!/^[\w.-]+$/.test(id))
    throw new RangeError(`claim id "${id}" is not an id: letters, digits, "-", "_" and "." only (e.g. C4, T-orthogonal-relu)`);
  const texts = specFiles(root).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
  const declared = new RegExp(`(?:\\bid:\\s*|\\(\\s*)['"]${escapeRe(id)}['"]`);
  const found = texts.filter((t) => declared.test(t.text)).map((t) => ({ file: t.file, how: `declares '${id}'` }));
  if (found.length) return found;
  for (const prefix of templatePrefixes(root)) {
    const rest = id.slice(prefix.length);
    if (!id.startsWith(prefix) || rest === '') continue;
    // the rest as a recipe's argument, not as another claim's id
    const argument = new RegExp(`\\b(?!id\\b)\\w+:\\s*['"]${escapeRe(rest)}['"]`);
    found.push(...texts.filter((t) => argument.test(t.text)).map((t) => ({ file: t.file, how: `\`${prefix}\${…}\` with '${rest}'` })));
  }
  return found;
}
