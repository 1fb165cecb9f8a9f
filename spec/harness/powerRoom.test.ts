/**
 * A ±δ power control's room to show its error: the margin rule (0.4 of the smaller move, which
 * leaves one whole margin at the half-width margin/2) and the room measured from audit records.
 */
import { describe, expect, test } from 'vitest';
import { log10FactorMoves, powerMargin, stdMoves } from '../../src/claim/power.ts';
import { claimRoom, intervalQuantile, missProbability, powerRoom } from '../../src/claim/powerRoom.ts';

describe('powerMargin', () => {
  test('is 0.4 of the smaller move, whatever its sign', () => {
    // E[y²] under a ±5% scale error: +10.25% / −9.75%
    expect(powerMargin([1.05 ** 2 - 1, 0.95 ** 2 - 1])).toBeCloseTo(0.4 * 0.0975, 12);
    expect(powerMargin(stdMoves(0.02))).toBeCloseTo(0.008, 12);
    expect(powerMargin(log10FactorMoves(0.05))).toBeCloseTo(0.4 * 2 * Math.log10(1.05), 12);
  });
  test('leaves the control one margin of room at the planned half-width', () => {
    const move = 0.0975;
    const margin = powerMargin([move]);
    const halfWidth = margin / 2;
    expect(move - margin - halfWidth).toBeCloseTo(margin, 12);
  });
});

describe('powerRoom', () => {
  test('is the distance past the margin and the half-width, in SEs of the claim at its own trials', () => {
    // C9-kaiming before the fix: E[relu(y)²] under ×1.05 expected at 1.1025, margin 0.05, half-width 0.025 at z 3.48
    expect(powerRoom({ controlEstimate: 1.1025, target: 1, margin: 0.05, claimHalfWidth: 0.025, quantile: 3.48 })).toBeCloseTo(
      (0.0275 / 0.025) * 3.48,
      10,
    );
    // the audit's miss: 1.0765 left about 0.2 SEs short of showing the error
    expect(powerRoom({ controlEstimate: 1.0765, target: 1, margin: 0.05, claimHalfWidth: 0.0281, quantile: 3.48 })).toBeLessThan(0);
  });
  test('a margin at 0.4 of the move leaves 2z SEs at the planned half-width, at half the move z', () => {
    const z = intervalQuantile(0.9995);
    const move = 0.1;
    for (const [fraction, room] of [
      [0.4, 2 * z],
      [0.5, z],
    ] as const) {
      const margin = fraction * move;
      expect(powerRoom({ controlEstimate: 1 + move, target: 1, margin, claimHalfWidth: margin / 2, quantile: z })).toBeCloseTo(room, 10);
    }
    expect(missProbability(z)).toBeCloseTo(0.00025, 6);
  });
  test('intervalQuantile is Student t on df, else normal', () => {
    expect(intervalQuantile(0.95)).toBeCloseTo(1.959964, 5);
    expect(intervalQuantile(0.95, 10)).toBeCloseTo(2.228139, 5);
  });
  test('bad input names the problem', () => {
    expect(() => powerRoom({ controlEstimate: Number.NaN, target: 1, margin: 0.1, claimHalfWidth: 0.05, quantile: 3 })).toThrow(
      'powerRoom: controlEstimate must be finite, got NaN',
    );
    expect(() => intervalQuantile(1)).toThrow('intervalQuantile: confidence must be in (0, 1), got 1');
  });
});

describe('claimRoom', () => {
  const z = intervalQuantile(0.9995);
  test('planned at half the margin with no bias, a check fails a true claim at its α', () => {
    const room = claimRoom({ offsets: [0.01, -0.01], halfWidths: [0.5, 0.5], quantile: z, margin: 1 });
    expect(room.bias).toBe(0);
    expect(room.failProbability).toBeCloseTo(0.0005, 6);
  });
  test('a bias spends the room: E-correlation-depth chaotic, bias 0.0016 at half-width 0.0035 of a 0.0074 margin', () => {
    const room = claimRoom({ offsets: [0.0011, 0.0021], halfWidths: [0.00354, 0.00354], quantile: 3.98, margin: 0.00738 });
    expect(room.bias).toBeCloseTo(0.0016, 12);
    expect(room.biasSE).toBeCloseTo(0.0005, 12);
    expect(room.failProbability).toBeGreaterThan(0.003);
    // sized for the bias, (margin − bias)/2, the same check is back at its α
    const sized = claimRoom({ offsets: [0.0016], halfWidths: [(0.00738 - 0.0016) / 2], quantile: z, margin: 0.00738 });
    expect(sized.failProbability).toBeLessThan(0.0005);
  });
  test('bad input names the problem', () => {
    expect(() => claimRoom({ offsets: [], halfWidths: [], quantile: z, margin: 1 })).toThrow(
      'claimRoom: needs one half-width per offset and at least one run, got 0 and 0',
    );
    expect(() => claimRoom({ offsets: [Number.NaN], halfWidths: [1], quantile: z, margin: 1 })).toThrow('must be finite, got NaN');
  });
});
