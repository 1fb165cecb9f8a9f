/**
 * The margin rule that gives a ±δ power control room to show its error: 0.4 of the smaller move.
 * With the half-width held to margin/2, the room left is one whole margin.
 */
import { describe, expect, test } from 'vitest';
import { log10FactorMoves, powerMargin, stdMoves } from '../../src/claim/power.ts';

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
