import type { AuditCheckpointJson, AuditVerification } from '@lockstep/contract';
import { useState } from 'react';
import { AuditEntries } from './audit-entries.tsx';
import { AuditVerificationView } from './audit-verification-view.tsx';
import { CheckpointDownload } from './checkpoint-download.tsx';
import { talksApi } from './talks-api.ts';
import { useSession } from './use-session.ts';

/**
 * The audit log: verify the chain and every signed checkpoint, and sign a checkpoint of the head to keep
 * elsewhere (the admin and the coordinator). The admin also reads the latest entries, which name what was done
 * by ids, never by text.
 */
export function AuditPage() {
  const { user } = useSession();
  const admin = user.role === 'admin';
  const [checked, setChecked] = useState<AuditVerification | string>();
  const [signed, setSigned] = useState<AuditCheckpointJson | string>();
  const [busy, setBusy] = useState(false);
  const [entriesKey, setEntriesKey] = useState(0);
  const attempt = async <T,>(work: () => Promise<T>, keep: (result: T | string) => void) => {
    setBusy(true);
    try {
      keep(await work());
    } catch (failure) {
      keep((failure as Error).message);
    } finally {
      setBusy(false);
      setEntriesKey((k) => k + 1);
    }
  };
  return (
    <section aria-label="Audit log">
      <h2>Audit log</h2>
      <p className="meta">
        Every write, every read of a paper and every refused attempt on one, and every account and token
        action, each entry chained to the one before by its SHA-256. Signed checkpoints of the head, made with
        an Ed25519 key kept outside the database, catch even a rewrite by someone who can write to the
        database and recompute every hash.
      </p>
      <p className="actions">
        <button type="button" disabled={busy} onClick={() => attempt(talksApi.verifyAudit, setChecked)}>
          Verify the chain
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => attempt(talksApi.signCheckpoint, setSigned)}>
          Sign a checkpoint
        </button>
      </p>
      {typeof signed === 'string' ? (
        <p className="error" role="alert">
          {signed}
        </p>
      ) : (
        signed && <CheckpointDownload checkpoint={signed} />
      )}
      {typeof checked === 'string' ? (
        <p className="error" role="alert" data-testid="audit-verification">
          {checked}
        </p>
      ) : (
        checked && <AuditVerificationView verification={checked} />
      )}
      {admin && <AuditEntries reloadKey={entriesKey} />}
    </section>
  );
}
