import type { NoteJson } from '@lockstep/contract';
import { formatTable } from '../output.ts';
import type { CommandContext } from './command-context.ts';
import type { CommandOutputs } from './operation-commands.ts';

/** The first line of a note, cut to `width` characters. */
function firstLine(text: string, width = 60): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function printWritten(context: CommandContext, note: NoteJson, verb: string): void {
  context.io.out(
    `${verb} note ${note.id} on ${note.subject}: version ${note.version} (your ${note.desk === 'coordinator' ? "coordinator's office" : `delegation's (${note.desk})`} only).\n`,
  );
}

/** How `lockstep talks notes ...` print a desk's private notes. */
export const talksNoteOutputs: CommandOutputs = {
  'talks.note.list': {
    print(context, { notes }) {
      if (notes.length === 0) return context.io.out('No note.\n');
      context.io.out(
        formatTable(
          ['ID', 'SUBJECT', 'VERSION', 'UPDATED', 'BY', 'TEXT'],
          notes.map((n) => [
            n.id,
            n.subject,
            `${n.version}${n.deleted ? ' (deleted)' : ''}`,
            n.updatedAt.slice(0, 16),
            n.updatedBy,
            firstLine(n.text),
          ]),
        ),
      );
    },
  },
  'talks.note.read': {
    print(context, note) {
      context.io.out(
        `Note ${note.id} on ${note.subject}, version ${note.version}${note.deleted ? ', deleted' : ''}:\n${note.text}\n\nVersions:\n`,
      );
      for (const v of note.versions) {
        context.io.out(
          `  ${v.number}  ${v.at.slice(0, 16)}  ${v.by}  ${v.deleted ? '(deleted)' : firstLine(v.text)}\n`,
        );
      }
    },
  },
  'talks.note.create': { print: (context, note) => printWritten(context, note, 'Wrote') },
  'talks.note.edit': { print: (context, note) => printWritten(context, note, 'Edited') },
  'talks.note.delete': { print: (context, note) => printWritten(context, note, 'Deleted') },
};
