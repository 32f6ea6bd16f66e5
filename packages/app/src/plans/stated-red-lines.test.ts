import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { readStatedRedLines, statedRedLinesFile } from './plan-init.ts';

function withFile(change: (json: Record<string, unknown> & { redLines: Record<string, unknown>[] }) => void) {
  const json = JSON.parse(readFileSync(statedRedLinesFile, 'utf8'));
  change(json);
  const file = join(mkdtempSync(join(tmpdir(), 'lockstep-red-lines-')), 'stated-red-lines.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('the stated red lines file', () => {
  it('is read as shipped: four red lines, two each side', () => {
    const redLines = readStatedRedLines();
    expect(redLines.map((r) => r.party)).toEqual(['us', 'iran', 'us', 'iran']);
  });

  it('is validated at load, naming the file, the field path and what is accepted', () => {
    const share = withFile((json) => {
      json.redLines[2]!.share = 1.5;
    });
    const error = (() => {
      try {
        readStatedRedLines(share);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${share}, redLines[2].share: 1.5 is not accepted: expected a share from 0 to 1`,
    );
    const misspelt = withFile((json) => {
      json.redLine = json.redLines;
    });
    expect(() => readStatedRedLines(misspelt)).toThrow(
      `${misspelt}, redLine: unknown field; accepted fields are $schema, description, redLines`,
    );
  });
});
