/** IEEE 754 binary32's range, as numbers (the backend probe measures what a matmul keeps of it). */
export const FLOAT32_SMALLEST_NORMAL = 2 ** -126;
export const FLOAT32_SMALLEST_DENORMAL = 2 ** -149;
export const FLOAT32_MAX = (2 - 2 ** -23) * 2 ** 127;
