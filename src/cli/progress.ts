/** A one-line progress bar on stderr with trials done and ETA; silent when stderr is not a terminal. */
export function progressBar(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { tick(done: number): void; end(): void } {
  const started = performance.now();
  const width = 24;
  const draw = (done: number) => {
    const fraction = done / total;
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
    const text = `${label} [${bar}] ${done}/${total} trials, ${elapsed.toFixed(1)} s elapsed${Number.isFinite(eta) ? `, ETA ${eta.toFixed(1)} s` : ''}`;
    if (stream.isTTY) stream.write(`\r${text}\u001b[K`);
    else if (done === total || done === 0) stream.write(`${text}\n`);
  };
  draw(0);
  return {
    tick: draw,
    end: () => {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
