import type { DocumentView } from '@lockstep/contract';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useLiveReload } from './live-events.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { delegationNames, failureMessage, talksApi, useTalks, when } from './talks-api.ts';

type View<K extends DocumentView['kind']> = Extract<DocumentView, { kind: K }>;

const recipients = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu', 'plenary'] as const;

/**
 * One paper, as the signed-in user may see it: its author delegation's versions, or the versions sent to the
 * coordinator with the relay form and trail. Recipients never open a paper: they read relays (`RelayPage`).
 */
export function DocumentPage() {
  const { id = '' } = useParams();
  const [view, reload] = useTalks((signal) => talksApi.document(id, signal), id);
  useLiveReload(
    reload,
    (e) => (e.type === 'paper.changed' || e.type === 'paper.sent') && e.documentId === id,
  );
  const [error, setError] = useState<string>();
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failureMessage(failure));
    }
    reload();
  };
  if (view.status === 'loading') return <p className="loading">Loading the paper…</p>;
  if (view.status === 'error')
    return (
      <p className="error" role="alert">
        {view.code === 404 ? 'No such paper, or none you may see.' : view.message}
      </p>
    );
  const data = view.data;
  return (
    <article className="paper">
      <p>
        <Link to="/talks">← Inbox</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data.kind === 'own' && <OwnPaper view={data} act={act} />}
      {data.kind === 'sent' && <SentPaper view={data} act={act} />}
      <NotesPanel subject={`document:${data.documentId}`} defaultOpen />
    </article>
  );
}

type Act = (work: () => Promise<unknown>) => Promise<void>;

function OwnPaper({ view, act }: { view: View<'own'>; act: Act }) {
  const [text, setText] = useState(view.versions.at(-1)?.text ?? '');
  const addVersion = (event: FormEvent) => {
    event.preventDefault();
    return act(() => talksApi.addVersion(view.documentId, { text, expectedVersion: view.version }));
  };
  return (
    <>
      <h2>{view.title}</h2>
      <p className="meta">
        Your delegation's paper on the channel {view.channel}. Drafts are seen by your delegation only; a
        version you send goes to the coordinator alone, who decides what to relay.
      </p>
      <ol className="versions">
        {[...view.versions].reverse().map((v) => (
          <li key={v.number} data-testid="paper-version">
            <h3>
              Version {v.number}{' '}
              <span className={v.sentAt ? 'badge sent' : 'badge draft'}>
                {v.sentAt ? `sent ${when(v.sentAt)}` : 'draft'}
              </span>
            </h3>
            <p className="meta">written {when(v.at)}</p>
            <pre className="paper-text" dir="auto">
              {v.text}
            </pre>
            {!v.sentAt && (
              <button
                type="button"
                onClick={() =>
                  act(() =>
                    talksApi.send(view.documentId, { number: v.number, expectedVersion: view.version }),
                  )
                }
              >
                Send version {v.number} to the coordinator
              </button>
            )}
          </li>
        ))}
      </ol>
      <form className="talks-form" onSubmit={addVersion} aria-label="New version">
        <label>
          New version <textarea dir="auto" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Save version {view.versions.length + 1} as a draft</button>
      </form>
    </>
  );
}

function SentPaper({ view, act }: { view: View<'sent'>; act: Act }) {
  const latest = view.versions.at(-1)!;
  const [version, setVersion] = useState(latest.number);
  const source = view.versions.find((v) => v.number === version) ?? latest;
  const [title, setTitle] = useState(view.title);
  const [text, setText] = useState(source.text);
  const [note, setNote] = useState('');
  const [to, setTo] = useState<string[]>([]);
  const [disclose, setDisclose] = useState(false);
  const relay = (event: FormEvent) => {
    event.preventDefault();
    return act(() =>
      talksApi.relay(view.documentId, {
        documentVersion: source.number,
        ...(title !== view.title ? { title } : {}),
        ...(text !== source.text ? { text } : {}),
        note,
        to,
        discloseAuthor: disclose,
      }),
    );
  };
  return (
    <>
      <h2>{view.title}</h2>
      <p className="meta">
        From the {delegationNames[view.author]} delegation ({view.channel}). You see the versions it sent you,
        never its drafts. Recipients see only what you relay.
      </p>
      <ol className="versions">
        {[...view.versions].reverse().map((v) => (
          <li key={v.number}>
            <h3>
              Version {v.number} <span className="badge sent">sent {when(v.sentAt ?? v.at)}</span>
            </h3>
            <pre className="paper-text" dir="auto">
              {v.text}
            </pre>
          </li>
        ))}
      </ol>
      <RelayTrail relays={view.relays} />
      <form className="talks-form relay-form" onSubmit={relay} aria-label="Relay">
        <h3>Relay this paper</h3>
        <label>
          Version{' '}
          <select
            value={version}
            onChange={(e) => {
              const next = Number(e.target.value);
              setVersion(next);
              setText(view.versions.find((v) => v.number === next)?.text ?? '');
            }}
          >
            {view.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {v.number}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>To</legend>
          {recipients
            .filter((r) => r !== view.author)
            .map((r) => (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={to.includes(r)}
                  onChange={(e) => setTo(e.target.checked ? [...to, r] : to.filter((x) => x !== r))}
                />
                {delegationNames[r]}
              </label>
            ))}
        </fieldset>
        <label>
          Title as relayed <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Text as relayed (edit to pass the idea on without its wording){' '}
          <textarea dir="auto" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Covering note <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={disclose} onChange={(e) => setDisclose(e.target.checked)} /> Tell
          the recipients which delegation wrote it
        </label>
        <button type="submit" disabled={to.length === 0}>
          Relay
        </button>
      </form>
    </>
  );
}

function RelayTrail({ relays }: { relays: View<'sent'>['relays'] }) {
  return (
    <section aria-label="Relay trail">
      <h3>Relay trail</h3>
      {relays.length === 0 ? (
        <p className="empty">Not relayed yet.</p>
      ) : (
        <ol className="trail">
          {relays.map((r) => (
            <li key={r.id} data-testid="relay">
              <strong>{when(r.at)}</strong>: version {r.documentVersion} relayed by <code>{r.by}</code> to{' '}
              {r.to.map((t) => delegationNames[t] ?? t).join(', ')},{' '}
              {r.edited ? <span className="badge edited">edited</span> : 'as written'},{' '}
              {r.discloseAuthor ? 'author disclosed' : 'author not disclosed'}
              {r.note && <span className="meta"> — {r.note}</span>}
              {r.edited && (
                <div className="relayed-as">
                  <p className="meta">As relayed:</p>
                  <p>
                    <strong>{r.title}</strong>
                  </p>
                  <pre className="paper-text" dir="auto">
                    {r.text}
                  </pre>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
