/**
 * A zip's entries through yauzl (random access, sizes validated), and where a stored entry's
 * bytes lie in the file, so a tensor is read from its place without unpacking anything. A
 * compressed entry is read only up to a bound, so a zip bomb stops at the bound, named.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import yauzl from 'yauzl';
import { ModelReadError } from './types.ts';

export interface ZipEntry {
  name: string;
  compressed: boolean;
  compressedSize: number;
  size: number;
  headerOffset: number;
  entry: yauzl.Entry;
}

export interface ZipArchive {
  file: string;
  size: number;
  entries: Map<string, ZipEntry>;
  zip: yauzl.ZipFile;
}

export function openZip(file: string, what: string): Promise<ZipArchive> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return reject(new ModelReadError(`${what}: not a readable zip (${error?.message ?? 'no archive'})`));
      const entries = new Map<string, ZipEntry>();
      const fd = openSync(file, 'r');
      const size = fstatSync(fd).size;
      closeSync(fd);
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, {
          name: entry.fileName,
          compressed: entry.compressionMethod !== 0,
          compressedSize: entry.compressedSize,
          size: entry.uncompressedSize,
          headerOffset: entry.relativeOffsetOfLocalHeader,
          entry,
        });
        zip.readEntry();
      });
      zip.on('end', () => resolve({ file, size, entries, zip }));
      zip.on('error', (e: Error) => reject(new ModelReadError(`${what}: a broken zip (${e.message})`)));
      zip.readEntry();
    });
  });
}

/** Where a stored (uncompressed) entry's data starts, checked against the file's size. */
export function storedDataOffset(archive: ZipArchive, entry: ZipEntry, what: string): number {
  if (entry.compressed) throw new ModelReadError(`${what}: ${entry.name} is compressed; torch.save stores tensor data uncompressed`);
  if (entry.headerOffset + 30 > archive.size)
    throw new ModelReadError(`${what}: ${entry.name}'s local header lies past the end of the file`);
  const header = Buffer.alloc(30);
  const fd = openSync(archive.file, 'r');
  try {
    readSync(fd, header, 0, 30, entry.headerOffset);
  } finally {
    closeSync(fd);
  }
  if (header.readUInt32LE(0) !== 0x04034b50)
    throw new ModelReadError(`${what}: ${entry.name} has no local file header where the directory says`);
  const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.size > archive.size)
    throw new ModelReadError(`${what}: ${entry.name}'s ${entry.size} bytes run past the end of the file (truncated?)`);
  return start;
}

/** An entry's whole content, refused above `limit` bytes (declared or actual). */
export function readEntry(archive: ZipArchive, entry: ZipEntry, limit: number, what: string): Promise<Buffer> {
  if (entry.size > limit)
    throw new ModelReadError(`${what}: ${entry.name} unpacks to ${entry.size} bytes, over the ${limit} this reader allows (a zip bomb?)`);
  if (entry.compressed && entry.size > 1000 * Math.max(1, entry.compressedSize))
    throw new ModelReadError(`${what}: ${entry.name} would unpack ${entry.compressedSize} bytes to ${entry.size}: refused as a zip bomb`);
  return new Promise((resolve, reject) => {
    archive.zip.openReadStream(entry.entry, (error, stream) => {
      if (error || !stream) return reject(new ModelReadError(`${what}: cannot read ${entry.name} (${error?.message})`));
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) {
          stream.destroy();
          reject(new ModelReadError(`${what}: ${entry.name} unpacks past ${limit} bytes: refused as a zip bomb`));
        } else chunks.push(chunk);
      });
      stream.on('error', (e: Error) => reject(new ModelReadError(`${what}: ${entry.name}: ${e.message}`)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
