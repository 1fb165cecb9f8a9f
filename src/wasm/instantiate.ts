/**
 * A WebAssembly module's exports from its base64 bytes (the generated *.wasm.ts modules),
 * instantiated synchronously: the kernels are a few KB.
 */

// The project's TypeScript lib has no WebAssembly types (no DOM lib): the two constructors used, typed here.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** A kernel's linear memory, as its exports give it. */
export interface KernelMemory {
  buffer: ArrayBuffer;
  /** Grows by `pages` of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

export function instantiate<Exports>(base64: string): Exports {
  return new Instance(new Module(Buffer.from(base64, 'base64'))).exports as Exports;
}

/** Grows `memory` to at least `bytes`. */
export function ensureBytes(memory: KernelMemory, bytes: number): void {
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / 65536);
  if (missing > 0) memory.grow(missing);
}
