import { maxNameChars } from '@lockstep/core';

/** The problem with a name over `maxNameChars`, for a FormatError: its length and what is accepted. */
export function nameTooLong(name: string): string {
  return `a name of ${name.length.toLocaleString('en')} characters; names of at most ${maxNameChars.toLocaleString('en')} are accepted (OFAC's name column holds 350)`;
}
