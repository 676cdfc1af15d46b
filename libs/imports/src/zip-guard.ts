import yauzl from 'yauzl';
import { ImportFileError, ImportLimits } from './types';

const MAX_RATIO = 200; // XLSX XML compresses well, but not a thousandfold

/**
 * Inspects an XLSX (a zip) before any spreadsheet library inflates it: refuses too many entries,
 * declared sizes over the limit, absurd compression ratios, and, since declared sizes can lie,
 * inflates every entry itself with a running byte cap. A zip bomb is stopped at the cap.
 */
export async function checkZip(bytes: Buffer, limits: ImportLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  ).catch(() => {
    throw new ImportFileError('not a readable XLSX file (the zip is damaged or truncated)');
  });

  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw new ImportFileError(`the XLSX holds ${zip.entryCount} parts, more than the ${limits.maxZipEntries} allowed`);
  }
  let inflated = 0;
  const tooBig = () => new ImportFileError(`the XLSX inflates to more than ${limits.maxUncompressedBytes} bytes: refused`);

  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      zip.close();
      reject(e instanceof ImportFileError ? e : new ImportFileError('not a readable XLSX file (the zip is damaged or truncated)'));
    };
    let declared = 0;
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) return fail(tooBig());
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > MAX_RATIO && entry.uncompressedSize > 1_000_000) {
        return fail(new ImportFileError(`the XLSX part ${entry.fileName} has an implausible compression ratio: refused`));
      }
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('unreadable entry'));
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > limits.maxUncompressedBytes) {
            stream.destroy();
            fail(tooBig());
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}
