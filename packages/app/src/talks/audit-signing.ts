import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  type AuditCheckpoint,
  auditCheckpointFormat,
  type ChainHead,
  checkpointPayload,
  parseCheckpoint,
  type SignatureCheck,
} from '@lockstep/core';

/** Where the talks keep what must live outside the database: the signing key and the signed checkpoints. */
export interface AuditSigningPlaces {
  /** The Ed25519 private key (PKCS#8 PEM, mode 0600), made on first use when absent. */
  readonly keyFile: string;
  /** One JSON file per checkpoint, named by its seq and time. */
  readonly checkpointDir: string;
}

/** The places under a state directory (the embedded store's data directory, or LOCKSTEP_STATE_DIR). */
export function auditSigningPlaces(
  stateDir: string,
  env: NodeJS.ProcessEnv = process.env,
): AuditSigningPlaces {
  return {
    keyFile: env.LOCKSTEP_AUDIT_KEY || join(stateDir, 'audit', 'signing-key.pem'),
    checkpointDir: join(stateDir, 'audit', 'checkpoints'),
  };
}

/** The first 16 hex digits of the SHA-256 of a raw 32-byte Ed25519 public key: how a key is named. */
export function keyIdOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** node:crypto's Ed25519 check of a checkpoint signature; false for any malformed key or signature. */
export const verifyEd25519: SignatureCheck = (payload, signature, publicKey) => {
  try {
    const raw = Buffer.from(publicKey, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    });
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};

/**
 * A public key given by a user (`--public-key`): a raw base64 key, a PEM public key, or a PEM private key
 * file's public half. Returns the raw key in base64, or a sentence saying what is accepted.
 */
export function readPublicKey(text: string): string | { error: string } {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('PRIVATE KEY')) return rawPublicKey(createPublicKey(createPrivateKey(trimmed)));
    if (trimmed.includes('PUBLIC KEY')) return rawPublicKey(createPublicKey(trimmed));
    if (Buffer.from(trimmed, 'base64').length === 32) return trimmed;
  } catch {
    // fall through to the sentence below
  }
  return { error: 'expected an Ed25519 public key: 32 bytes in base64, or a PEM public or private key' };
}

/** A checkpoint file read back: the checkpoint, or why it could not be read. */
export type StoredCheckpoint =
  | { readonly file: string; readonly checkpoint: AuditCheckpoint }
  | { readonly file: string; readonly error: string };

/** Reads one checkpoint file: JSON of the checkpoint's format. */
export function readCheckpointFile(file: string): StoredCheckpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      file,
      error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { file, error: 'it is not JSON' };
  }
  const parsed = parseCheckpoint(value);
  return typeof parsed === 'string' ? { file, error: parsed } : { file, checkpoint: parsed };
}

/**
 * Signs checkpoints of the audit head with an Ed25519 key kept in a file outside the database, and keeps them
 * as files beside it. Whoever can write to the database can rewrite the whole chain and its head so that it
 * verifies, but cannot sign: the checkpoints made before the rewrite then fail (`checkCheckpoint`).
 */
export class AuditSigner {
  private key?: { privateKey: KeyObject; publicKey: string; keyId: string };

  constructor(readonly places: AuditSigningPlaces) {}

  /** The signing key, read from its file or made (mode 0600) on first use. */
  private signingKey() {
    if (this.key) return this.key;
    const file = this.places.keyFile;
    let privateKey: KeyObject;
    if (existsSync(file)) {
      privateKey = createPrivateKey(readFileSync(file, 'utf8'));
      if (privateKey.asymmetricKeyType !== 'ed25519') {
        throw new Error(`the audit signing key ${file} is not an Ed25519 key`);
      }
    } else {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      privateKey = generateKeyPairSync('ed25519').privateKey;
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    const publicKey = rawPublicKey(createPublicKey(privateKey));
    this.key = { privateKey, publicKey, keyId: keyIdOf(publicKey) };
    return this.key;
  }

  /** The id of the signing key (made if absent): the key a verifier here trusts. */
  keyId(): string {
    return this.signingKey().keyId;
  }

  /** The raw public key in base64, to give to an offline verifier. */
  publicKey(): string {
    return this.signingKey().publicKey;
  }

  /** A checkpoint of `head` made at `at`, signed. */
  sign(head: ChainHead, at: string): AuditCheckpoint {
    const { privateKey, publicKey, keyId } = this.signingKey();
    const unsigned = {
      format: auditCheckpointFormat,
      seq: head.seq,
      hash: head.hash,
      at,
      publicKey,
      keyId,
    } as const;
    const signature = sign(null, Buffer.from(checkpointPayload(unsigned), 'utf8'), privateKey).toString(
      'base64',
    );
    return { ...unsigned, signature };
  }

  /** Writes a checkpoint into the checkpoint directory (atomically) and returns its path. */
  keep(checkpoint: AuditCheckpoint): string {
    mkdirSync(this.places.checkpointDir, { recursive: true, mode: 0o700 });
    const name = `${String(checkpoint.seq).padStart(10, '0')}-${checkpoint.at.replace(/[:.]/g, '-')}.json`;
    const file = join(this.places.checkpointDir, name);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return file;
  }

  /** Every checkpoint kept, oldest first (unreadable files are returned with the reason). */
  kept(): StoredCheckpoint[] {
    if (!existsSync(this.places.checkpointDir)) return [];
    return readdirSync(this.places.checkpointDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => readCheckpointFile(join(this.places.checkpointDir, name)));
  }

  /** The newest checkpoint kept, if any. */
  latest(): AuditCheckpoint | undefined {
    const all = this.kept();
    for (let i = all.length - 1; i >= 0; i--) {
      const stored = all[i]!;
      if ('checkpoint' in stored) return stored.checkpoint;
    }
    return undefined;
  }
}
