/** The published schemes' std for any shape, written apart from src/init; and the .npy reader. */
import { describe, expect, test } from 'vitest';
import { readNpy } from '../../src/audit/npy.ts';
import { npy } from '../support/npyFile.ts';
import { publishedFans, publishedGain, publishedScheme } from '../../src/theory/publishedSchemes.ts';

describe('published schemes', () => {
  test('fans: torch [out, in, ...kernel], tfjs [...kernel, in, out]', () => {
    expect(publishedFans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(publishedFans([3, 3, 32, 64], 'tfjs')).toEqual({ fanIn: 288, fanOut: 576 });
    expect(publishedFans([128, 512])).toEqual({ fanIn: 512, fanOut: 128 });
    expect(publishedFans([512, 128], 'tfjs')).toEqual({ fanIn: 512, fanOut: 128 });
    expect(() => publishedFans([7])).toThrow(/at least 2 positive integer dimensions, got \[7\]/);
  });

  test("gains: torch.nn.init.calculate_gain's table", () => {
    expect(publishedGain('relu')).toBe(Math.SQRT2);
    expect(publishedGain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(publishedGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(publishedGain('selu')).toBe(0.75);
    expect(() => publishedGain('swish' as never)).toThrow(/unknown nonlinearity "swish"/);
  });

  test('std per scheme: He, Glorot, LeCun, torch default', () => {
    expect(publishedScheme('kaiming-normal', [128, 512], { nonlinearity: 'relu' }).std).toBeCloseTo(Math.sqrt(2 / 512), 15);
    expect(publishedScheme('kaiming-normal', [128, 512], { nonlinearity: 'relu', mode: 'fan_out' }).std).toBeCloseTo(
      Math.sqrt(2 / 128),
      15,
    );
    const xavier = publishedScheme('xavier-uniform', [128, 512]);
    expect(xavier.std).toBeCloseTo(Math.sqrt(2 / 640), 15);
    expect(xavier.bound).toBeCloseTo(Math.sqrt(6 / 640), 15);
    expect(publishedScheme('lecun-normal', [3, 3, 32, 64], { layout: 'tfjs' }).std).toBeCloseTo(1 / Math.sqrt(288), 15);
    expect(publishedScheme('torch-default', [128, 512]).bound).toBeCloseTo(1 / Math.sqrt(512), 15);
    expect(() => publishedScheme('he' as never, [2, 2])).toThrow(/unknown scheme "he"; known: kaiming-uniform/);
  });
});

describe('.npy reader', () => {
  test('float32 and float64, C and Fortran order', () => {
    expect(readNpy(npy('<f4', [2, 3], [1, 2, 3, 4, 5, 6]))).toEqual({
      shape: [2, 3],
      values: Float64Array.from([1, 2, 3, 4, 5, 6]),
      dtype: 'float32',
    });
    expect(readNpy(npy('<f8', [2], [0.1, -0.2])).values).toEqual(Float64Array.from([0.1, -0.2]));
    // Fortran order stores columns first: [[1, 2, 3], [4, 5, 6]] is 1 4 2 5 3 6
    expect(readNpy(npy('<f4', [2, 3], [1, 4, 2, 5, 3, 6], true)).values).toEqual(Float64Array.from([1, 2, 3, 4, 5, 6]));
  });

  test('bad files name the problem', () => {
    expect(() => readNpy(new Uint8Array(20), 'w.npy')).toThrow(/w.npy is not a .npy file/);
    expect(() => readNpy(npy('<i8', [2], [1, 2]), 'w.npy')).toThrow(/dtype <i8 is not supported \(float32 or float64 only\)/);
    expect(() => readNpy(npy('<f4', [4], [1, 2]), 'w.npy')).toThrow(/header says 4 values of <f4, the file holds 2/);
  });
});
