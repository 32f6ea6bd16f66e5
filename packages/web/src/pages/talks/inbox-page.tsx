import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useLiveReload, useRecentEvents } from './live-events.tsx';
import { delegationNames, talksApi, useTalks, when } from './talks-api.ts';
import { useSession } from './use-session.ts';

/**
 * The inbox: the delegation's own papers (drafts included), for the coordinator every version sent to it, and
 * the relays that reached the user, each in its relayed form only.
 */
export function InboxPage() {
  const { user } = useSession();
  const [inbox, reload] = useTalks((signal) => talksApi.inbox(signal));
  useLiveReload(
    reload,
    (e) => e.type === 'relay.received' || e.type === 'paper.sent' || e.type === 'paper.changed',
  );
  const recent = useRecentEvents();
  const fresh = new Set(recent.flatMap((e) => (e.type === 'relay.received' ? [e.relayId] : [])));
  const writes = user.role === 'head' || user.role === 'member';
  if (inbox.status === 'loading') return <p className="loading">Loading the inbox…</p>;
  if (inbox.status === 'error')
    return (
      <p className="error" role="alert">
        {inbox.message}
      </p>
    );
  const items = inbox.data.items;
  const own = items.flatMap((i) => (i.kind === 'own' ? [i] : []));
  const sent = items.flatMap((i) => (i.kind === 'sent' ? [i] : []));
  const received = items.flatMap((i) => (i.kind === 'received' ? [i] : []));
  return (
    <section className="inbox" aria-label="Inbox">
      {writes && (
        <>
          <h2>Papers of the {delegationNames[user.delegation ?? ''] ?? user.delegation} delegation</h2>
          <p className="hint">
            Only your delegation sees these, drafts and all, until you send a version to the coordinator.
          </p>
          {own.length === 0 ? (
            <p className="empty">No paper yet.</p>
          ) : (
            <ul className="items">
              {own.map((item) => (
                <li key={item.documentId}>
                  <Link to={`/talks/documents/${item.documentId}`}>{item.title}</Link>{' '}
                  <span className="meta">{item.latestVersion} version(s)</span>
                </li>
              ))}
            </ul>
          )}
          <NewPaper />
        </>
      )}
      {user.role === 'coordinator' && (
        <>
          <h2>Sent to the coordinator</h2>
          <p className="hint">
            Versions the delegations sent you. Nothing reaches another delegation unless you relay it.
          </p>
          {sent.length === 0 ? (
            <p className="empty">Nothing sent yet.</p>
          ) : (
            <ul className="items">
              {sent.map((item) => (
                <li key={`${item.documentId}-${item.version}`}>
                  <Link to={`/talks/documents/${item.documentId}`}>{item.title}</Link>{' '}
                  <span className="meta">
                    version {item.version} from {delegationNames[item.author]}, sent {when(item.sentAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {user.role !== 'coordinator' && (
        <>
          <h2>Relayed to you</h2>
          {received.length === 0 ? (
            <p className="empty">No relay has reached you.</p>
          ) : (
            <ul className="items relays">
              {received.map((item) => (
                <li key={item.relayId} data-testid="received-relay">
                  {fresh.has(item.relayId) && <span className="badge-new">New</span>}{' '}
                  <Link to={`/talks/relays/${item.relayId}`}>{item.title}</Link>{' '}
                  <span className="meta">
                    relayed by the coordinator, {when(item.at)};{' '}
                    {item.author ? `from ${delegationNames[item.author]}` : 'author not disclosed'}
                  </span>
                  <p className="relay-text" dir="auto">
                    {item.text}
                  </p>
                  {item.note && <p className="relay-note">Note: {item.note}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function NewPaper() {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const view = await talksApi.createDocument({
        title: String(form.get('title')),
        text: String(form.get('text')),
      });
      navigate(`/talks/documents/${view.documentId}`);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <details className="new-paper">
      <summary>Write a new non-paper</summary>
      <form className="talks-form" onSubmit={create} aria-label="New non-paper">
        <label>
          Title <input name="title" dir="auto" required maxLength={300} />
        </label>
        <label>
          Text <textarea name="text" dir="auto" rows={6} />
        </label>
        <button type="submit">Save as a draft</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
