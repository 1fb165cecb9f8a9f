/** `initspec claim`'s entry: its errors as the CLI's (one line, exit 2 for bad usage). */
import { claimMain } from './claim.ts';

export async function runClaimCommand(argv: string[]): Promise<number> {
  try {
    return await claimMain(argv);
  } catch (error) {
    process.stderr.write(`initspec claim: ${(error as Error).message}\n`);
    return (error as Error).name === 'UsageError' || (error as Error).name === 'RangeError' ? 2 : 1;
  }
}
