/** Writes .npy bytes for tests of the reader and the audit CLI. */

/** A .npy file as np.save writes it (version 1.0, little-endian, C order unless told). */
export function npy(descr: string, shape: number[], values: number[], fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const size = descr.endsWith('4') ? 4 : 8;
  const bytes = new Uint8Array(10 + header.length + values.length * size);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  values.forEach((v, i) =>
    size === 4 ? view.setFloat32(10 + header.length + 4 * i, v, true) : view.setFloat64(10 + header.length + 8 * i, v, true),
  );
  return bytes;
}
