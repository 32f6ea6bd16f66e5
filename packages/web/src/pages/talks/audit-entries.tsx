import { useState } from 'react';
import { talksApi, useTalks, when } from './talks-api.ts';

/** How many entries are added by each "older entries" step (the API gives at most 1000 at once). */
const step = 50;
const most = 1000;

/**
 * The latest entries of the audit log, newest first (the admin's), 50 more at each step back, each actor and
 * account named by its username; loads again when `reloadKey` changes.
 */
export function AuditEntries({ reloadKey }: { reloadKey: number }) {
  const [count, setCount] = useState(step);
  const [page] = useTalks((signal) => talksApi.audit(count, signal), `${reloadKey}-${count}`);
  const [users] = useTalks((signal) => talksApi.users(signal), String(reloadKey));
  const names = new Map(users.status === 'ready' ? users.data.users.map((u) => [u.id, u.username]) : []);
  /** A target with the username of the account it names: `user:u_1 (us.head)`. */
  const target = (t: string) => {
    const name = t.startsWith('user:') ? names.get(t.slice(5)) : undefined;
    return name ? `${t} (${name})` : t;
  };
  if (page.status !== 'ready')
    return <p className="loading">{page.status === 'error' ? page.message : 'Loading the log…'}</p>;
  const entries = [...page.data.entries].reverse();
  return (
    <>
      <h3>Latest entries</h3>
      <p className="meta">
        The latest {entries.length} of {page.data.head.seq} entries; head{' '}
        <code>{page.data.head.hash.slice(0, 16)}…</code>
      </p>
      <table className="talks-table text" data-testid="audit-entries">
        <thead>
          <tr>
            <th>Seq</th>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>On</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td className="nowrap">{when(e.at)}</td>
              <td>
                {names.get(e.actor.userId) ?? e.actor.userId}{' '}
                <span className="meta">
                  ({e.actor.role}
                  {e.actor.delegation ? `, ${e.actor.delegation}` : ''})
                </span>
              </td>
              <td>{e.action}</td>
              <td>
                <code>{target(e.target)}</code>
              </td>
              <td>
                <code>{e.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data.head.seq > count && count < most && (
        <button type="button" className="secondary" onClick={() => setCount((c) => Math.min(c + step, most))}>
          Show {step} older entries
        </button>
      )}
    </>
  );
}
