import yauzl from 'yauzl';
import { ImportFileError, ImportLimits } from './types';

/** Spreadsheet XML compresses 10 to 20 times; deflate tops out near 1000. Above this, a part is a bomb. */
export const MAX_COMPRESSION_RATIO = 200;
/** Small parts may compress absurdly well (a run of empty cells) without harm: the ratio is checked above this size. */
const RATIO_CHECKED_FROM_BYTES = 1_000_000;

export const unreadableXlsx = () => new ImportFileError('import.file.unreadable_xlsx');

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    try {
      // Entry sizes are checked below (a running cap, then declared against actual), not by yauzl.
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false }, (err, zip) => (err || !zip ? reject(unreadableXlsx()) : resolve(zip)));
    } catch {
      reject(unreadableXlsx());
    }
  });
}

/**
 * Inspects an XLSX (a zip) before the spreadsheet library inflates it. Refuses: more entries than
 * maxZipEntries; declared sizes summing over maxUncompressedBytes; an absurd compression ratio;
 * and, since declared sizes can lie, inflates every entry itself (counting bytes, keeping none)
 * under a running cap of maxUncompressedBytes, stopping as soon as the cap is passed. An entry that
 * inflates to another size than it declares is refused as damaged. Every failure is an ImportFileError.
 */
export async function checkZip(bytes: Buffer, limits: ImportLimits): Promise<void> {
  const zip = await openZip(bytes);
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new ImportFileError('import.file.zip_too_many_parts', { max: limits.maxZipEntries, count: zip.entryCount });
    }
    await walk(zip, limits);
  } finally {
    try {
      zip.close();
    } catch {
      // already closed
    }
  }
}

function walk(zip: yauzl.ZipFile, limits: ImportLimits): Promise<void> {
  const tooBig = () => new ImportFileError('import.file.zip_inflated_too_large', { max: limits.maxUncompressedBytes });
  let declared = 0;
  let inflated = 0;
  let entries = 0;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(e instanceof ImportFileError ? e : unreadableXlsx());
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (settled) return;
      if (++entries > limits.maxZipEntries) return fail(new ImportFileError('import.file.zip_too_many_parts', { max: limits.maxZipEntries }));
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) {
        return fail(new ImportFileError('import.file.zip_declared_too_large', { max: limits.maxUncompressedBytes }));
      }
      if (entry.uncompressedSize > RATIO_CHECKED_FROM_BYTES && entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)) {
        return fail(new ImportFileError('import.file.zip_bomb', { part: entry.fileName.slice(0, 100) }));
      }
      if (entry.fileName.endsWith('/')) return zip.readEntry(); // a folder
      zip.openReadStream(entry, (err, s) => {
        if (settled) return s?.destroy();
        if (err || !s) return fail(err);
        let size = 0;
        s.on('data', (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          inflated += chunk.length;
          if (inflated > limits.maxUncompressedBytes) {
            s.destroy();
            fail(tooBig());
          }
        });
        s.on('error', fail);
        s.on('end', () => {
          if (settled) return;
          if (size !== entry.uncompressedSize) {
            return fail(
              new ImportFileError('import.file.xlsx_part_size', { part: entry.fileName.slice(0, 100), declared: entry.uncompressedSize, actual: size }),
            );
          }
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
