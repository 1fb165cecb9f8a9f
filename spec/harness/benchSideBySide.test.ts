/** npm run bench -- --all: two backends' numbers side by side (3 significant digits), the speed-up taken the right way round. */
import { describe, expect, test } from 'vitest';
import { sideBySide } from '../../src/bench/sideBySide.ts';

const result = (gflops: number, chainS: number, one: number, two: number, penalty = 1) => ({
  matmul: [{ layout: 'xᵀ @ Mᵀ (constant second operand; the suite)', 'ms/matmul': 1, 'GFLOP/s': gflops }],
  penalty: { worst: penalty },
  chains: [{ chain: 'randn/√dim, 500 steps', 'suite, read every 8 steps s': chainS }],
  throughput: { rows: [{ 'aggregate GFLOP/s': one }, { 'aggregate GFLOP/s': two }], speedup: two / one },
});

describe('bench side by side', () => {
  const { ratioLabel, rows } = sideBySide({ wasm: result(24, 6, 20, 38, 120), tensorflow: result(120, 1.2, 100, 110, 1) });

  test('a speed-up above 1 means the second backend is faster, for rates and for times alike', () => {
    expect(ratioLabel).toBe('tensorflow speed-up over wasm');
    expect(rows[0]).toMatchObject({ wasm: '24', tensorflow: '120', 'speed-up': '5' });
    expect(rows[1]).toMatchObject({ wasm: '6', tensorflow: '1.2', 'speed-up': '5' });
    expect(rows[2]).toMatchObject({ measure: expect.stringMatching(/^denormal penalty/), wasm: '120', tensorflow: '1', 'speed-up': '120' });
    expect(rows[4]).toMatchObject({ wasm: '38', tensorflow: '110' });
  });

  test('one backend: its numbers, no speed-up column', () => {
    const one = sideBySide({ wasm: result(24, 6, 20, 38) });
    expect(one.ratioLabel).toBe('only with two backends');
    expect(one.rows[0]).not.toHaveProperty('speed-up');
  });
});
