import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbench } from '@lockstep/app';
import { writeEntityPack } from '@lockstep/app/entity-pack';
import { codeFingerprint, readStoreVersion, shippedDataFingerprint } from '../bin/answer-cache.js';
import type { KeepAfterClose } from './commands/command-context.ts';

/**
 * Where the entity pack (app/sanctions/entity-pack.ts) for a store version is kept:
 * `<data-dir>/derived/<key>/entity`, the key naming the store's published version, the code and the shipped
 * data. Any write to the store publishes a new version, so a pack is never read for data it was not made
 * from; one made by other code is not read either.
 */
export function entityPackDir(dataDir: string, storeVersion: string): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ storeVersion, code: codeFingerprint(), data: shippedDataFingerprint() }))
    .digest('hex')
    .slice(0, 32);
  return join(dataDir, 'derived', key, 'entity');
}

/**
 * After a `sanctions entity` on the default list of an embedded store, what to keep: the pack of that list,
 * unless one is already kept for the store's version. It is written once the store is closed, and only if
 * the store then publishes the version the answer was computed at; packs of other versions are removed.
 */
export async function keepEntityPack(
  workbench: Workbench,
  input: { readonly snapshot?: string | undefined },
): Promise<KeepAfterClose | undefined> {
  if (input.snapshot !== undefined || workbench.db.kind !== 'pglite' || workbench.db.location === 'memory')
    return undefined;
  const dataDir = workbench.db.location;
  const before = readStoreVersion(dataDir);
  if (before && readdirOk(entityPackDir(dataDir, before.version))) return undefined;
  const content = await workbench.entityPackContent();
  return (point) => {
    const version = readStoreVersion(point.dataDir);
    if (!version || version.xid !== point.xid) return;
    const dir = entityPackDir(point.dataDir, version.version);
    const derived = join(point.dataDir, 'derived');
    mkdirSync(derived, { recursive: true });
    for (const name of readdirSync(derived)) {
      if (join(derived, name, 'entity') !== dir)
        rmSync(join(derived, name), { recursive: true, force: true });
    }
    writeEntityPack(dir, content);
  };
}

function readdirOk(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}
