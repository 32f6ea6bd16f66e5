import { Link, useParams } from 'react-router-dom';
import { NotesPanel } from './notes-panel.tsx';
import { delegationNames, talksApi, useTalks, when } from './talks-api.ts';
import { useSession } from './use-session.ts';

/**
 * One relay that reached the user (`/talks/relays/:id`), in its relayed form only: the title and text as the
 * coordinator relayed them, the covering note, who relayed it and when, and the author only if the
 * coordinator disclosed it. It names no paper: a recipient cannot tell which paper it came from, nor link it
 * to another relay of the same paper.
 */
export function RelayPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const delegate = user.role === 'head' || user.role === 'member';
  const [relay] = useTalks((signal) => talksApi.receivedRelay(id, signal), id);
  if (relay.status === 'loading') return <p className="loading">Loading the relay…</p>;
  if (relay.status === 'error')
    return (
      <p className="error" role="alert">
        {relay.code === 404 ? 'No such relay, or none that reached you.' : relay.message}
      </p>
    );
  const r = relay.data;
  return (
    <article className="paper" data-testid="received-relay">
      <p>
        <Link to="/talks">← Inbox</Link>
      </p>
      <h2>{r.title}</h2>
      <p className="meta">
        Relayed to you by the coordinator (account <code>{r.relayedBy}</code>), {when(r.at)};{' '}
        {r.author ? `written by the ${delegationNames[r.author]} delegation` : 'author not disclosed'}.
      </p>
      {r.note && <p className="relay-note">Covering note: {r.note}</p>}
      <pre className="paper-text" dir="auto">
        {r.text}
      </pre>
      <p className="hint">
        This is the text as the coordinator relayed it, possibly edited. The original paper, its other
        versions and, unless disclosed, its author are not shown to you.
        {delegate && ' To answer, write a paper of your own and send it to the coordinator.'}
      </p>
      <NotesPanel subject={`relay:${r.relayId}`} defaultOpen />
    </article>
  );
}
