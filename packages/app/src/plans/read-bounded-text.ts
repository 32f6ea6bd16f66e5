import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../input-error.ts';

/**
 * A file's text, read with at most `maxBytes` bytes (one more is read to tell a file that is too large, so a
 * huge file or an endless device is never read whole). Every problem is an `InputError` naming `field`.
 */
export function readBoundedText(path: string, maxBytes: number, field: string, what: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError(`${path}: no such ${what} file`, field);
  }
  try {
    if (!fstatSync(fd).isFile())
      throw new InputError(`${path}: not a ${what} file (not a regular file)`, field);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) {
        throw new InputError(
          `${path}: the ${what} file is larger than ${maxBytes.toLocaleString('en')} bytes, the most accepted`,
          field,
        );
      }
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
