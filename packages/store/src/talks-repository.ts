import type {
  AuditEntry,
  ChainHead,
  Delegation,
  ExpertGroup,
  NegotiatingText,
  NonPaper,
  Relay,
  Role,
  RoundsState,
} from '@lockstep/core';
import type { SqlExecutor } from './database.ts';

/** A talks account as stored; `passwordHash` is an argon2id PHC string. */
export interface TalksUserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly delegation?: Delegation;
  readonly passwordHash: string;
  readonly createdAt: string;
}

/** A session (web) or API token (CLI); only the SHA-256 of its secret is stored. */
export interface TalksCredentialRecord {
  readonly id: string;
  readonly kind: 'session' | 'token';
  readonly secretHash: string;
  readonly userId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  delegation: Delegation | null;
  password_hash: string;
  created_at: Date | string;
}

interface CredentialRow {
  id: string;
  kind: 'session' | 'token';
  secret_hash: string;
  user_id: string;
  label: string;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toUser(row: UserRow): TalksUserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    ...(row.delegation === null ? {} : { delegation: row.delegation }),
    passwordHash: row.password_hash,
    createdAt: iso(row.created_at),
  };
}

function toCredential(row: CredentialRow): TalksCredentialRecord {
  return {
    id: row.id,
    kind: row.kind,
    secretHash: row.secret_hash,
    userId: row.user_id,
    label: row.label,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.revoked_at === null ? {} : { revokedAt: iso(row.revoked_at) }),
  };
}

const userColumns = 'id, username, display_name, role, delegation, password_hash, created_at';
const credentialColumns = 'id, kind, secret_hash, user_id, label, created_at, expires_at, revoked_at';

/**
 * The talks' rows. It enforces no talks rule itself: the app runs the core model's rules inside one
 * transaction per operation (locking the audit head first) and stores what they return.
 */
export class TalksRepository {
  constructor(readonly executor: SqlExecutor) {}

  // Accounts

  async countUsers(): Promise<number> {
    const [row] = await this.executor.query<{ n: number }>('SELECT count(*)::int AS n FROM talks_users');
    return row?.n ?? 0;
  }

  async addUser(user: TalksUserRecord): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_users (${userColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        user.id,
        user.username,
        user.displayName,
        user.role,
        user.delegation ?? null,
        user.passwordHash,
        user.createdAt,
      ],
    );
  }

  async userByName(username: string): Promise<TalksUserRecord | undefined> {
    const rows = await this.executor.query<UserRow>(
      `SELECT ${userColumns} FROM talks_users WHERE username = $1`,
      [username],
    );
    return rows[0] && toUser(rows[0]);
  }

  async userById(id: string): Promise<TalksUserRecord | undefined> {
    const rows = await this.executor.query<UserRow>(`SELECT ${userColumns} FROM talks_users WHERE id = $1`, [
      id,
    ]);
    return rows[0] && toUser(rows[0]);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.executor.query('UPDATE talks_users SET password_hash = $2 WHERE id = $1', [
      userId,
      passwordHash,
    ]);
  }

  async listUsers(): Promise<TalksUserRecord[]> {
    const rows = await this.executor.query<UserRow>(
      `SELECT ${userColumns} FROM talks_users ORDER BY username`,
    );
    return rows.map(toUser);
  }

  // Sessions and tokens

  async addCredential(credential: TalksCredentialRecord): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_credentials (${credentialColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
      [
        credential.id,
        credential.kind,
        credential.secretHash,
        credential.userId,
        credential.label,
        credential.createdAt,
        credential.expiresAt,
      ],
    );
  }

  /** The credential whose secret hashes to `secretHash`, with its user, whatever its state (the caller checks). */
  async credentialBySecret(
    secretHash: string,
  ): Promise<{ credential: TalksCredentialRecord; user: TalksUserRecord } | undefined> {
    const rows = await this.executor.query<CredentialRow & { u: UserRow }>(
      `SELECT c.id, c.kind, c.secret_hash, c.user_id, c.label, c.created_at, c.expires_at, c.revoked_at,
              row_to_json(u) AS u
         FROM talks_credentials c JOIN talks_users u ON u.id = c.user_id
        WHERE c.secret_hash = $1`,
      [secretHash],
    );
    const row = rows[0];
    return row && { credential: toCredential(row), user: toUser(row.u) };
  }

  async credentialById(id: string): Promise<TalksCredentialRecord | undefined> {
    const rows = await this.executor.query<CredentialRow>(
      `SELECT ${credentialColumns} FROM talks_credentials WHERE id = $1`,
      [id],
    );
    return rows[0] && toCredential(rows[0]);
  }

  async listTokens(userId?: string): Promise<TalksCredentialRecord[]> {
    const rows = await this.executor.query<CredentialRow>(
      `SELECT ${credentialColumns} FROM talks_credentials
        WHERE kind = 'token' AND ($1::text IS NULL OR user_id = $1) ORDER BY created_at, id`,
      [userId ?? null],
    );
    return rows.map(toCredential);
  }

  /** Revokes one credential; false when it was already revoked. */
  async revokeCredential(id: string, at: string): Promise<boolean> {
    const rows = await this.executor.query(
      'UPDATE talks_credentials SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, at],
    );
    return rows.length > 0;
  }

  // Papers and relays

  async addDocument(document: NonPaper, createdAt: string): Promise<void> {
    await this.executor.query(
      'INSERT INTO talks_documents (id, author, created_at, version, document) VALUES ($1, $2, $3, $4, $5)',
      [document.id, document.author, createdAt, document.version, JSON.stringify(document)],
    );
  }

  async updateDocument(document: NonPaper): Promise<void> {
    await this.executor.query('UPDATE talks_documents SET version = $2, document = $3 WHERE id = $1', [
      document.id,
      document.version,
      JSON.stringify(document),
    ]);
  }

  /** One paper and every relay of it. */
  async document(id: string): Promise<{ document: NonPaper; relays: Relay[] } | undefined> {
    const rows = await this.executor.query<{ document: NonPaper }>(
      'SELECT document FROM talks_documents WHERE id = $1',
      [id],
    );
    if (!rows[0]) return undefined;
    const relays = await this.executor.query<{ relay: Relay }>(
      'SELECT relay FROM talks_relays WHERE document_id = $1 ORDER BY position',
      [id],
    );
    return { document: rows[0].document, relays: relays.map((r) => r.relay) };
  }

  /**
   * The papers and relays an inbox is built from: the papers of `author` (when given), every paper when
   * `allDocuments`, and every relay. The core model then keeps what the actor may see.
   */
  async documents(options: {
    readonly author?: Delegation;
    readonly allDocuments?: boolean;
  }): Promise<{ documents: NonPaper[]; relays: Relay[] }> {
    const documents =
      options.allDocuments || options.author !== undefined
        ? await this.executor.query<{ document: NonPaper }>(
            `SELECT document FROM talks_documents WHERE $1::boolean OR author = $2 ORDER BY created_at, id`,
            [options.allDocuments ?? false, options.author ?? null],
          )
        : [];
    const relays = await this.executor.query<{ relay: Relay }>(
      'SELECT relay FROM talks_relays ORDER BY position',
    );
    return { documents: documents.map((d) => d.document), relays: relays.map((r) => r.relay) };
  }

  async addRelay(relay: Relay): Promise<void> {
    await this.executor.query('INSERT INTO talks_relays (id, document_id, relay) VALUES ($1, $2, $3)', [
      relay.id,
      relay.documentId,
      JSON.stringify(relay),
    ]);
  }

  // Texts and rounds

  /** The stored texts, in the order of `groups`; a group never written is absent. */
  async texts(lock = false): Promise<NegotiatingText[]> {
    const rows = await this.executor.query<{ text: NegotiatingText }>(
      `SELECT text FROM talks_texts ORDER BY expert_group${lock ? ' FOR UPDATE' : ''}`,
    );
    return rows.map((r) => r.text);
  }

  async text(group: ExpertGroup): Promise<NegotiatingText | undefined> {
    const rows = await this.executor.query<{ text: NegotiatingText }>(
      'SELECT text FROM talks_texts WHERE expert_group = $1',
      [group],
    );
    return rows[0]?.text;
  }

  async saveText(text: NegotiatingText): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_texts (expert_group, version, text) VALUES ($1, $2, $3)
       ON CONFLICT (expert_group) DO UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text`,
      [text.group, text.version, JSON.stringify(text)],
    );
  }

  async rounds(): Promise<RoundsState | undefined> {
    const rows = await this.executor.query<{ rounds: RoundsState }>(
      'SELECT rounds FROM talks_rounds WHERE id = 1',
    );
    return rows[0]?.rounds;
  }

  async saveRounds(rounds: RoundsState): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_rounds (id, version, rounds) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, rounds = EXCLUDED.rounds`,
      [rounds.version, JSON.stringify(rounds)],
    );
  }

  // The audit log

  /** The head, locked until the transaction ends: call it first in every talks write. */
  async lockAuditHead(): Promise<ChainHead> {
    const rows = await this.executor.query<{ seq: string | number; hash: string }>(
      'SELECT seq, hash FROM talks_audit_head WHERE id = 1 FOR UPDATE',
    );
    const row = rows[0];
    if (!row) throw new Error('the talks audit head row is missing: the store was not migrated');
    return { seq: Number(row.seq), hash: row.hash };
  }

  async auditHead(): Promise<ChainHead> {
    const rows = await this.executor.query<{ seq: string | number; hash: string }>(
      'SELECT seq, hash FROM talks_audit_head WHERE id = 1',
    );
    return { seq: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash ?? '' };
  }

  /** Appends entries (already chained on the locked head) and moves the head to the last. */
  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    const last = entries.at(-1);
    if (!last) return;
    const params: unknown[] = [];
    const values = entries.map((entry, i) => {
      params.push(entry.seq, entry.hash, JSON.stringify(entry));
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    await this.executor.query(
      `INSERT INTO talks_audit (seq, hash, entry) VALUES ${values.join(', ')}`,
      params,
    );
    await this.executor.query('UPDATE talks_audit_head SET seq = $1, hash = $2 WHERE id = 1', [
      last.seq,
      last.hash,
    ]);
  }

  /** Entries with seq > `after`, in seq order, at most `limit`. */
  async audit(after = 0, limit = 1000): Promise<AuditEntry[]> {
    const rows = await this.executor.query<{ entry: AuditEntry }>(
      'SELECT entry FROM talks_audit WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return rows.map((r) => r.entry);
  }

  /** Every entry as stored, in storage order of seq (tampering shows in the entries' own fields). */
  async allAudit(): Promise<AuditEntry[]> {
    const rows = await this.executor.query<{ entry: AuditEntry }>(
      'SELECT entry FROM talks_audit ORDER BY seq',
    );
    return rows.map((r) => r.entry);
  }
}
