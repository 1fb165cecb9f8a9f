/** IEEE 754 binary32's range, as numbers (the backend probe measures what a matmul keeps of it). */
export const FLOAT32_SMALLEST_NORMAL = 2 ** -126;
export const FLOAT32_SMALLEST_DENORMAL = 2 ** -149;
export const FLOAT32_MAX = (2 - 2 ** -23) * 2 ** 127;

/**
 * Where a vanishing chain is decided: max|x| below 2^-100 (≈ 7.9e-31). Every backend computes the
 * chain identically above the denormals, so this is an event all of them share; the notebook's
 * all-zero end lies 50 binades lower (2^-150 with denormals) or 27 lower (2^-127 when the backend
 * flushes them). Why 26 binades above the smallest normal: a matmul's cost rises as soon as some
 * of its products x·m turn denormal, long before max|x| does (the CPU takes a microcode assist per
 * denormal operand; ~120× a normal matmul on some CPUs, ~3.5× on others: `npm run bench`). At
 * max|x| = 2^-100 a 512² chain's products sit at rms ≥ 2^-100/κ·σ ≈ 10^4.8 × 2^-126 for the
 * smallest σ the notebook uses (U(±0.01): σ = 0.0058, κ = 5.1), where measured cost is ≤ 1.1× the
 * normal range (docs/denormals.md).
 */
export const VANISHING_THRESHOLD = 2 ** -100;

/** The unit roundoff u = 2^-24: rounding to float32 moves a value by at most u relative. */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
