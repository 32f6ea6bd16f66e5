import type { AuditCheckpointJson } from '@lockstep/contract';
import { useEffect, useState } from 'react';
import { when } from './talks-api.ts';

/**
 * A checkpoint just signed, and the link that downloads it as a JSON file to keep away from the server: a
 * copy elsewhere catches a later rewrite of the log, even by someone who can write to the database.
 */
export function CheckpointDownload({ checkpoint }: { checkpoint: AuditCheckpointJson }) {
  const [href, setHref] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(checkpoint, null, 2)}\n`], { type: 'application/json' }),
    );
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [checkpoint]);
  const file = `lockstep-audit-checkpoint-${checkpoint.seq}.json`;
  return (
    <div className="notice" role="status" data-testid="checkpoint">
      <p>
        Signed a checkpoint of the log at entry {checkpoint.seq} ({when(checkpoint.at)}) with key{' '}
        <code>{checkpoint.keyId}</code>; the server keeps it beside its key, outside the database.
      </p>
      <p>
        {href && (
          <a href={href} download={file}>
            Download {file}
          </a>
        )}{' '}
        <span className="meta">
          Keep the copy elsewhere; <code>lockstep talks audit verify --checkpoint {file}</code> checks that
          the log still holds the entry it signed.
        </span>
      </p>
    </div>
  );
}
