import type { NoteJson, SessionInfo } from '@lockstep/contract';
import { useState } from 'react';
import { useLiveReload } from './live-events.tsx';
import { delegationNames, failureMessage, talksApi, useTalks, when } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';
import { useSession } from './use-session.ts';

/** Whose notes the user keeps: "the Iran delegation's", "the coordinator's office's"; none for others. */
function deskName(user: SessionInfo['user']): string | undefined {
  if (user.role === 'coordinator') return "the coordinator's office";
  if ((user.role === 'head' || user.role === 'member') && user.delegation) {
    return `the ${delegationNames[user.delegation]} delegation`;
  }
  return undefined;
}

/**
 * The private notes of the user's desk (their delegation, or the coordinator's office) on one subject: a
 * paper (`document:<id>`), a relay (`relay:<id>`) or a clause (`clause:<group>/<id>`). Only the desk's
 * members see them: not the coordinator (for a delegation's), not other delegations, not the admin; observers
 * and admins get no panel. Each note can be edited (a new version) or deleted (a version too), with its
 * history; a stale edit is refused and the panel reloads the current version. Loaded when first opened.
 */
export function NotesPanel({ subject, defaultOpen = false }: { subject: string; defaultOpen?: boolean }) {
  const { user } = useSession();
  const [open, setOpen] = useState(defaultOpen);
  const desk = deskName(user);
  if (!desk) return null;
  return (
    <details
      className="notes-panel"
      data-testid="notes-panel"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        Notes <span className="meta">private to {desk}</span>
      </summary>
      {open && <NotesBody subject={subject} desk={desk} />}
    </details>
  );
}

function NotesBody({ subject, desk }: { subject: string; desk: string }) {
  const [notes, reload] = useTalks((signal) => talksApi.notes(subject, signal), subject);
  // A note written by a colleague of the desk shows up at once (the event names the note, not its subject).
  useLiveReload(reload, (e) => e.type === 'note.changed');
  const add = useFormAction();
  if (notes.status === 'loading') return <p className="loading">Loading the notes…</p>;
  if (notes.status === 'error')
    return (
      <p className="error" role="alert">
        {notes.message}
      </p>
    );
  return (
    <div className="notes">
      {notes.data.notes.length === 0 && <p className="empty">No note yet.</p>}
      <ul className="note-list">
        {notes.data.notes.map((note) => (
          <NoteItem key={note.id} note={note} reload={reload} />
        ))}
      </ul>
      <form
        className="talks-form inline"
        aria-label="Add a note"
        onSubmit={add.submit(async (form, element) => {
          await talksApi.createNote({ subject, text: String(form.get('text') ?? '') });
          element.reset();
          reload();
        })}
      >
        <label>
          New note <textarea name="text" dir="auto" rows={2} required maxLength={10_000} />
        </label>
        {add.error && (
          <p className="error" role="alert">
            {add.error}
          </p>
        )}
        <button type="submit" disabled={add.busy}>
          Add note
        </button>
        <span className="hint"> Seen only by {desk}; the audit log records the write, never the text.</span>
      </form>
    </div>
  );
}

function NoteItem({ note, reload }: { note: NoteJson; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const edit = useFormAction();
  const remove = async () => {
    if (!window.confirm('Delete this note? Its history stays, for your desk only.')) return;
    setError(undefined);
    try {
      await talksApi.deleteNote(note.id, note.version);
    } catch (failure) {
      setError(failureMessage(failure));
    }
    reload();
  };
  return (
    <li className="note-item" data-testid="note">
      {editing ? (
        <form
          className="talks-form inline"
          aria-label="Edit the note"
          onSubmit={edit.submit(async (form) => {
            try {
              await talksApi.editNote(note.id, {
                text: String(form.get('text') ?? ''),
                expectedVersion: note.version,
              });
              setEditing(false);
            } finally {
              reload();
            }
          })}
        >
          <textarea name="text" dir="auto" rows={3} required maxLength={10_000} defaultValue={note.text} />
          {edit.error && (
            <p className="error" role="alert">
              {edit.error}
            </p>
          )}
          <button type="submit" disabled={edit.busy}>
            Save version {note.version + 1}
          </button>{' '}
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="note-text" dir="auto">
          {note.text}
        </p>
      )}
      <p className="meta">
        Version {note.version}, {when(note.updatedAt)} by <code>{note.updatedBy}</code>
        {!editing && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => setEditing(true)}>
              Edit
            </button>{' '}
            <button type="button" className="link" onClick={remove}>
              Delete
            </button>
          </>
        )}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {note.versions.length > 1 && (
        <details>
          <summary>History ({note.versions.length} versions)</summary>
          <ul className="history">
            {note.versions.map((v) => (
              <li key={v.number}>
                Version {v.number}: {when(v.at)}, <code>{v.by}</code>: {v.deleted ? <em>deleted</em> : v.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
