/** Checks for the statistics helpers; messages name the function and the problem. */

/** `offset`: where these samples start in a pool of parts (the messages number the pool's samples). */
export function assertSamples(fn: string, samples: ArrayLike<number>, minimum: number, offset = 0): void {
  if (samples.length < minimum) {
    throw new RangeError(`${fn} requires at least ${minimum} samples, got ${samples.length}`);
  }
  // a plain loop: findIndex with a callback over a typed array cost ~3 s a toDrawLike (millions of values)
  for (let i = 0; i < samples.length; i++) {
    if (Number.isNaN(samples[i])) throw new RangeError(`${fn}: sample ${offset + i} is NaN`);
  }
}

export function assertFiniteSamples(fn: string, samples: ArrayLike<number>, minimum: number, offset = 0): void {
  assertSamples(fn, samples, minimum, offset);
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) throw new RangeError(`${fn}: sample ${offset + i} is not finite (${samples[i]})`);
  }
}

/** confidence in (0, 1), e.g. 0.999. */
export function assertConfidence(fn: string, confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${fn}: confidence must be in (0, 1), got ${confidence}`);
  }
}
