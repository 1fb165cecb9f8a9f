/**
 * Checks the WebAssembly ln, cos and sin (src/rng/aleaBoxMuller.wat) against V8's Math.log,
 * Math.cos and Math.sin on every input Box–Muller can give them: Alea's uniforms are k·2^-32, so
 * ln(1 − u) and the angle 2π·u each take 2^32 values. Bit for bit, both sides of every input.
 *
 *   npm run verify:draws                      # all 2^32 k, one process per core (~2 min on 2 cores)
 *   npm run verify:draws -- --from 0 --to 1e8 # a range (what each process runs)
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { aleaKernel, CHUNK, OUT_OFFSET, SINES_OFFSET } from '../rng/aleaWasm.ts';

const ALL = 2 ** 32;
const TWO_POW_MINUS_32 = 2 ** -32;

/** Mismatches over k in [from, to) (both multiples of 2): the first few, and how many. */
export function mismatchesIn(from: number, to: number, report: (line: string) => void = () => {}): number {
  const kernel = aleaKernel();
  const out = new Float64Array(kernel.memory.buffer, OUT_OFFSET, CHUNK);
  const sines = new Float64Array(kernel.memory.buffer, SINES_OFFSET, CHUNK);
  let bad = 0;
  for (let k0 = from; k0 < to; k0 += CHUNK) {
    const count = Math.min(CHUNK, to - k0);
    kernel.kernelLog(k0, count);
    for (let i = 0; i < count; i++) {
      const x = 1 - (k0 + i) * TWO_POW_MINUS_32;
      if (!Object.is(out[i], Math.log(x)) && bad++ < 10) report(`ln(1 - ${k0 + i}·2^-32): wasm ${out[i]} V8 ${Math.log(x)}`);
    }
    kernel.kernelCosSin(k0, count);
    for (let i = 0; i < count; i++) {
      const angle = 2 * Math.PI * ((k0 + i) * TWO_POW_MINUS_32);
      if (!Object.is(out[i], Math.cos(angle)) && bad++ < 10) report(`cos(2π·${k0 + i}·2^-32): wasm ${out[i]} V8 ${Math.cos(angle)}`);
      if (!Object.is(sines[i], Math.sin(angle)) && bad++ < 10) report(`sin(2π·${k0 + i}·2^-32): wasm ${sines[i]} V8 ${Math.sin(angle)}`);
    }
  }
  return bad;
}

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const from = flag('--from');
  const to = flag('--to');
  if (from !== undefined || to !== undefined) {
    const lo = from ?? 0;
    const hi = to ?? ALL;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > ALL || lo >= hi || lo % 2 || hi % 2)
      throw new RangeError(`verifyDrawKernels: --from and --to must be even integers with 0 <= from < to <= 2^32, got ${lo}, ${hi}`);
    const bad = mismatchesIn(lo, hi, (line) => console.log(line));
    console.log(`k in [${lo}, ${hi}): ${bad} mismatches`);
    process.exitCode = bad === 0 ? 0 : 1;
    return;
  }
  const shards = Math.max(1, availableParallelism());
  const started = performance.now();
  const step = 2 * Math.ceil(ALL / shards / 2);
  const codes = await Promise.all(
    Array.from({ length: shards }, (_, s) => {
      const child = spawn(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--from', String(s * step), '--to', String(Math.min(ALL, (s + 1) * step))],
        {
          stdio: 'inherit',
        },
      );
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }),
  );
  const ok = codes.every((c) => c === 0);
  console.log(
    `${ok ? 'all' : 'NOT all'} ${ALL} inputs of ln, cos and sin agree with V8 bit for bit (${((performance.now() - started) / 1000).toFixed(0)} s, ${shards} processes)`,
  );
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
