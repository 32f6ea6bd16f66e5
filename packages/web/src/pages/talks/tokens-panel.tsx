import type { TalksUser } from '@lockstep/contract';
import { useState } from 'react';
import { talksApi, useTalks, when } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';
import { useSession } from './use-session.ts';

/**
 * API tokens for the CLI: your own, or (for an admin, given `users`) everyone's, each with its owner, so that
 * any can be revoked. A token is made only by its owner, the admin included: a token acts as the person it
 * belongs to. A new token's secret is shown once; revoking one refuses its very next use. The list loads
 * again when `reloadKey` changes (a password change ends every token).
 */
export function TokensPanel({ users, reloadKey = 0 }: { users?: readonly TalksUser[]; reloadKey?: number }) {
  const { user } = useSession();
  const [tokens, reload] = useTalks((signal) => talksApi.tokens(signal), String(reloadKey));
  const [secret, setSecret] = useState<string>();
  const [revokeError, setRevokeError] = useState<string>();
  const action = useFormAction();
  const names = new Map((users ?? []).map((u) => [u.id, u.username]));
  const create = action.submit(async (form, element) => {
    setSecret(undefined);
    const created = await talksApi.createToken({
      label: String(form.get('label')),
      expiresInDays: Number(form.get('days') || 90),
    });
    setSecret(created.secret);
    element.reset();
    reload();
  });
  const revoke = async (id: string) => {
    setRevokeError(undefined);
    try {
      await talksApi.revokeToken(id);
    } catch (failure) {
      setRevokeError((failure as Error).message);
    }
    reload();
  };
  return (
    <section aria-label="API tokens">
      <h2>API tokens</h2>
      <p className="meta">
        {users
          ? "Every account's tokens, to revoke any of them. You make tokens only for yourself: each person makes their own, signed in as themselves, because a token acts as its owner. "
          : 'Tokens of your own, for the command line, acting as you. '}
        Use one as <code>LOCKSTEP_TOKEN=… lockstep talks rounds list --server {window.location.origin}</code>
      </p>
      {revokeError && (
        <p className="error" role="alert">
          {revokeError}
        </p>
      )}
      {tokens.status === 'ready' && tokens.data.tokens.length > 0 ? (
        <table className="talks-table text" data-testid="tokens">
          <thead>
            <tr>
              <th>Id</th>
              {users && <th>Owner</th>}
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
                {users && <td>{t.userId === user.id ? 'you' : (names.get(t.userId) ?? t.userId)}</td>}
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
        <h3>{users ? 'A token of your own' : 'New token'}</h3>
        <label>
          Label <input name="label" required maxLength={120} placeholder="laptop" />
        </label>
        <label>
          Days until it expires <input name="days" type="number" min={1} max={365} defaultValue={90} />
        </label>
        <button type="submit" disabled={action.busy}>
          Create a token
        </button>
        {secret && (
          <p className="note" role="status" data-testid="token-secret">
            New token (shown only now; copy it): <code>{secret}</code>
          </p>
        )}
        {action.error && (
          <p className="error" role="alert">
            {action.error}
          </p>
        )}
      </form>
    </section>
  );
}
