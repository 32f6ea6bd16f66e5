import type { TalksUser } from '@lockstep/contract';
import { type FormEvent, useState } from 'react';
import { talksApi, useTalks, when } from './talks-api.ts';

/**
 * API tokens for the CLI: your own, or (for an admin) everyone's, with the user they belong to. A new
 * token's secret is shown once; revoking one refuses its very next use.
 */
export function TokensPanel({ users }: { users?: readonly TalksUser[] }) {
  const [tokens, reload] = useTalks((signal) => talksApi.tokens(signal));
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const names = new Map((users ?? []).map((u) => [u.id, u.username]));
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    try {
      const userId = String(form.get('userId') ?? '');
      const created = await talksApi.createToken({
        label: String(form.get('label')),
        expiresInDays: Number(form.get('days') || 90),
        ...(userId ? { userId } : {}),
      });
      setSecret(created.secret);
    } catch (failure) {
      setError((failure as Error).message);
    }
    reload();
  };
  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await talksApi.revokeToken(id);
    } catch (failure) {
      setError((failure as Error).message);
    }
    reload();
  };
  return (
    <section aria-label="API tokens">
      <h2>API tokens</h2>
      <p className="meta">
        For the command line:{' '}
        <code>LOCKSTEP_TOKEN=… lockstep talks rounds list --server {window.location.origin}</code>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {secret && (
        <p className="note" role="note" data-testid="token-secret">
          New token (shown only now; copy it): <code>{secret}</code>
        </p>
      )}
      {tokens.status === 'ready' && tokens.data.tokens.length > 0 ? (
        <table className="talks-table text">
          <thead>
            <tr>
              <th>Id</th>
              {users && <th>User</th>}
              <th>Label</th>
              <th>Created</th>
              <th>Expires</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.tokens.map((t) => (
              <tr key={t.id}>
                <td>
                  <code>{t.id}</code>
                </td>
                {users && <td>{names.get(t.userId) ?? t.userId}</td>}
                <td>{t.label}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.expiresAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `revoked ${when(t.revokedAt)}`
                  ) : (
                    <button type="button" className="secondary" onClick={() => revoke(t.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{tokens.status === 'error' ? tokens.message : 'No token.'}</p>
      )}
      <form className="talks-form" onSubmit={create} aria-label="New API token">
        {users && (
          <label>
            For{' '}
            <select name="userId">
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.username} ({u.role}
                  {u.delegation ? `, ${u.delegation}` : ''})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Label <input name="label" required maxLength={120} placeholder="laptop" />
        </label>
        <label>
          Days until it expires <input name="days" type="number" min={1} max={365} defaultValue={90} />
        </label>
        <button type="submit">Create a token</button>
      </form>
    </section>
  );
}
