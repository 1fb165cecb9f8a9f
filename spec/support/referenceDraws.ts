/**
 * The host draws as src/rng/draw.ts computed them in JS before the WebAssembly kernel
 * (src/rng/aleaBoxMuller.wat): seedrandom's next() and V8's Math.log/cos/sin. The harness holds
 * the kernel to these bit for bit; audited seeds mean these numbers.
 */
import seedrandom from 'seedrandom';

export function referenceUniformValues(count: number, low: number, high: number, seed: number): Float32Array {
  const next = seedrandom.alea(String(seed));
  const out = new Float32Array(count);
  const width = high - low;
  for (let i = 0; i < count; i++) out[i] = low + width * next();
  return out;
}

export function referenceStandardNormals(count: number, seed: number): Float64Array {
  const next = seedrandom.alea(String(seed));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

export function referenceTruncatedNormalValues(count: number, mean: number, std: number, a: number, b: number, seed: number): Float32Array {
  const next = seedrandom.alea(String(seed));
  const out = new Float32Array(count);
  let filled = 0;
  while (filled < count) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    for (const z of [radius * Math.cos(angle), radius * Math.sin(angle)]) {
      const value = mean + std * z;
      if (value >= a && value <= b && filled < count) out[filled++] = value;
    }
  }
  return out;
}
