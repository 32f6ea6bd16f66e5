import type {
  Alternative,
  AuditEntry,
  ChainHead,
  Clause,
  Delegation,
  ExpertGroup,
  NegotiatingText,
  NonPaper,
  Note,
  NoteDesk,
  NoteVersion,
  Relay,
  Role,
  RoundsState,
} from '@lockstep/core';
import type { SqlExecutor } from './database.ts';

/**
 * A talks account as stored. `passwordHash` is an argon2id PHC string, absent while the account waits for its
 * owner to set a password with an activation code (whose SHA-256 is `activationHash`).
 */
export interface TalksUserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly delegation?: Delegation;
  readonly passwordHash?: string;
  readonly createdAt: string;
  /** The SHA-256 of the one-time activation code the confirmer was given, and until when it works. */
  readonly activationHash?: string;
  readonly activationExpiresAt?: string;
  /** When a second party confirmed the account; absent while it waits (it has no access until then). */
  readonly confirmedAt?: string;
  /** Who confirmed it: a user id, or `cli:local-admin` on the server's machine. */
  readonly confirmedBy?: string;
  /** When an admin disabled it; absent when it is enabled. */
  readonly disabledAt?: string;
}

/** A browser a user signed in from (its device cookie), with the failed sign-ins made with it since. */
export interface TalksDeviceRecord {
  readonly secretHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly failures: number;
}

/** An audit row as stored: the seq and hash columns beside the entry they should repeat. */
export interface StoredAuditRow {
  readonly seq: number;
  readonly hash: string;
  readonly entry: AuditEntry;
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
  password_hash: string | null;
  created_at: Date | string;
  activation_hash: string | null;
  activation_expires_at: Date | string | null;
  confirmed_at: Date | string | null;
  confirmed_by: string | null;
  disabled_at: Date | string | null;
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

interface TextRow {
  expert_group: ExpertGroup;
  version: number;
  clauses: Clause[];
}

/**
 * A text from its rows, in one statement: the group's row, its clauses in order, each with its alternatives
 * in order. The caller adds its WHERE and ORDER BY on `t`.
 */
const textSelect = `
  SELECT t.expert_group, t.version,
         COALESCE((SELECT jsonb_agg(c.clause || jsonb_build_object('alternatives',
                            COALESCE((SELECT jsonb_agg(a.alternative ORDER BY a.position)
                                        FROM talks_text_alternatives a
                                       WHERE a.expert_group = c.expert_group AND a.clause_id = c.id),
                                     '[]'::jsonb))
                            ORDER BY c.position)
                     FROM talks_text_clauses c
                    WHERE c.expert_group = t.expert_group),
                  '[]'::jsonb) AS clauses
    FROM talks_texts t`;

function toText(row: TextRow): NegotiatingText {
  return { group: row.expert_group, clauses: row.clauses, version: row.version };
}

function toUser(row: UserRow): TalksUserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    ...(row.delegation === null ? {} : { delegation: row.delegation }),
    ...(row.password_hash === null ? {} : { passwordHash: row.password_hash }),
    createdAt: iso(row.created_at),
    ...(row.activation_hash === null ? {} : { activationHash: row.activation_hash }),
    ...(row.activation_expires_at === null ? {} : { activationExpiresAt: iso(row.activation_expires_at) }),
    ...(row.confirmed_at === null ? {} : { confirmedAt: iso(row.confirmed_at) }),
    ...(row.confirmed_by === null ? {} : { confirmedBy: row.confirmed_by }),
    ...(row.disabled_at === null ? {} : { disabledAt: iso(row.disabled_at) }),
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

const userColumns =
  'id, username, display_name, role, delegation, password_hash, created_at, confirmed_at, confirmed_by, disabled_at, activation_hash, activation_expires_at';
const credentialColumns = 'id, kind, secret_hash, user_id, label, created_at, expires_at, revoked_at';

/**
 * The talks' rows. It enforces no talks rule itself: the app runs the core model's rules inside one
 * transaction per operation (locking the audit head first) and stores what they return.
 */
interface NoteRow {
  id: string;
  desk: NoteDesk;
  subject: Note['subject'];
  version: number;
  versions: NoteVersion[];
}

const noteSelect = `SELECT n.id, n.desk, n.subject, n.version,
       (SELECT jsonb_agg(v.version ORDER BY v.number) FROM talks_note_versions v WHERE v.note_id = n.id)
         AS versions
  FROM talks_notes n`;

function toNote(row: NoteRow): Note {
  return { id: row.id, desk: row.desk, subject: row.subject, versions: row.versions, version: row.version };
}

export class TalksRepository {
  constructor(readonly executor: SqlExecutor) {}

  // Accounts

  async countUsers(): Promise<number> {
    const [row] = await this.executor.query<{ n: number }>('SELECT count(*)::int AS n FROM talks_users');
    return row?.n ?? 0;
  }

  async addUser(user: TalksUserRecord): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_users (${userColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        user.id,
        user.username,
        user.displayName,
        user.role,
        user.delegation ?? null,
        user.passwordHash ?? null,
        user.createdAt,
        user.confirmedAt ?? null,
        user.confirmedBy ?? null,
        user.disabledAt ?? null,
        user.activationHash ?? null,
        user.activationExpiresAt ?? null,
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

  /** Sets the password an account signs in with (its owner's, or one set on the store); any activation ends. */
  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.executor.query(
      `UPDATE talks_users SET password_hash = $2, activation_hash = NULL, activation_expires_at = NULL
        WHERE id = $1`,
      [userId, passwordHash],
    );
  }

  /**
   * Takes an account back to waiting for a second party: no password, no confirmation, no activation code.
   * What an admin's reset does, since the admin must not hold a way in.
   */
  async withdrawAccess(userId: string): Promise<void> {
    await this.executor.query(
      `UPDATE talks_users SET password_hash = NULL, confirmed_at = NULL, confirmed_by = NULL,
              activation_hash = NULL, activation_expires_at = NULL
        WHERE id = $1`,
      [userId],
    );
  }

  /**
   * Records a second party's confirmation of a waiting account, with the activation code (its SHA-256) its
   * owner will set a password with, when it has none yet.
   */
  async confirmUser(
    userId: string,
    by: string,
    at: string,
    activation?: { readonly hash: string; readonly expiresAt: string },
  ): Promise<void> {
    await this.executor.query(
      `UPDATE talks_users SET confirmed_at = $3, confirmed_by = $2, activation_hash = $4, activation_expires_at = $5
        WHERE id = $1`,
      [userId, by, at, activation?.hash ?? null, activation?.expiresAt ?? null],
    );
  }

  /** Whether any coordinator is active: confirmed, activated and enabled (then coordinators confirm coordinators). */
  async hasActiveCoordinator(): Promise<boolean> {
    const rows = await this.executor.query(
      `SELECT 1 FROM talks_users WHERE role = 'coordinator' AND confirmed_at IS NOT NULL
          AND password_hash IS NOT NULL AND disabled_at IS NULL LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** The accounts waiting for a second party or for their owner's activation, oldest first. */
  async inactiveUsers(): Promise<TalksUserRecord[]> {
    const rows = await this.executor.query<UserRow>(
      `SELECT ${userColumns} FROM talks_users WHERE password_hash IS NULL AND disabled_at IS NULL
        ORDER BY created_at, username`,
    );
    return rows.map(toUser);
  }

  /** Disables an account at `at`, or enables it again with `undefined`. */
  async setDisabled(userId: string, at: string | undefined): Promise<void> {
    await this.executor.query('UPDATE talks_users SET disabled_at = $2 WHERE id = $1', [userId, at ?? null]);
  }

  /**
   * Whether `delegation` has an active head: confirmed, with a password set and enabled (who then confirms its
   * accounts). A head still to activate, or disabled, confirms no one.
   */
  async hasActiveHead(delegation: Delegation): Promise<boolean> {
    const rows = await this.executor.query(
      `SELECT 1 FROM talks_users WHERE role = 'head' AND delegation = $1 AND confirmed_at IS NOT NULL
          AND password_hash IS NOT NULL AND disabled_at IS NULL LIMIT 1`,
      [delegation],
    );
    return rows.length > 0;
  }

  /** The accounts waiting for a second party's confirmation, oldest first. */
  async pendingUsers(): Promise<TalksUserRecord[]> {
    const rows = await this.executor.query<UserRow>(
      `SELECT ${userColumns} FROM talks_users WHERE confirmed_at IS NULL ORDER BY created_at, username`,
    );
    return rows.map(toUser);
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

  /**
   * Revokes a user's live credentials of the given kinds, but `exceptId` (the caller's own session): what a
   * password change, a reset, disabling the account or "end sessions" does. Returns how many were ended.
   */
  async revokeUserCredentials(
    userId: string,
    at: string,
    kinds: readonly ('session' | 'token')[],
    exceptId?: string,
  ): Promise<{ sessions: number; tokens: number }> {
    const rows = await this.executor.query<{ kind: 'session' | 'token' }>(
      `UPDATE talks_credentials SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND kind = ANY($3::text[])
          AND ($4::text IS NULL OR id <> $4)
        RETURNING kind`,
      [userId, at, [...kinds], exceptId ?? null],
    );
    return {
      sessions: rows.filter((r) => r.kind === 'session').length,
      tokens: rows.filter((r) => r.kind === 'token').length,
    };
  }

  // Devices

  async addDevice(device: TalksDeviceRecord): Promise<void> {
    await this.executor.query(
      `INSERT INTO talks_devices (secret_hash, user_id, created_at, expires_at, failures)
       VALUES ($1, $2, $3, $4, $5)`,
      [device.secretHash, device.userId, device.createdAt, device.expiresAt, device.failures],
    );
  }

  async deviceBySecret(secretHash: string): Promise<TalksDeviceRecord | undefined> {
    const rows = await this.executor.query<{
      secret_hash: string;
      user_id: string;
      created_at: Date | string;
      expires_at: Date | string;
      failures: number;
    }>(
      'SELECT secret_hash, user_id, created_at, expires_at, failures FROM talks_devices WHERE secret_hash = $1',
      [secretHash],
    );
    const row = rows[0];
    return (
      row && {
        secretHash: row.secret_hash,
        userId: row.user_id,
        createdAt: iso(row.created_at),
        expiresAt: iso(row.expires_at),
        failures: row.failures,
      }
    );
  }

  /** Counts a failed sign-in made with a device; returns its failures since it was issued. */
  async failDevice(secretHash: string): Promise<number> {
    const rows = await this.executor.query<{ failures: number }>(
      'UPDATE talks_devices SET failures = failures + 1 WHERE secret_hash = $1 RETURNING failures',
      [secretHash],
    );
    return rows[0]?.failures ?? 0;
  }

  async deleteDevice(secretHash: string): Promise<void> {
    await this.executor.query('DELETE FROM talks_devices WHERE secret_hash = $1', [secretHash]);
  }

  /** Forgets every device of a user (their password changed, or the account was reset or disabled). */
  async deleteUserDevices(userId: string): Promise<void> {
    await this.executor.query('DELETE FROM talks_devices WHERE user_id = $1', [userId]);
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

  /** One paper and every relay of it (one statement). */
  async document(id: string): Promise<{ document: NonPaper; relays: Relay[] } | undefined> {
    const rows = await this.executor.query<{ document: NonPaper; relays: Relay[] }>(
      `SELECT d.document,
              COALESCE((SELECT jsonb_agg(r.relay ORDER BY r.position) FROM talks_relays r
                         WHERE r.document_id = d.id), '[]'::jsonb) AS relays
         FROM talks_documents d WHERE d.id = $1`,
      [id],
    );
    const row = rows[0];
    return row && { document: row.document, relays: row.relays };
  }

  /**
   * The papers and relays an inbox is built from: the papers of `author` (when given), every paper when
   * `allDocuments`, and every relay. The core model then keeps what the actor may see. One statement.
   */
  async documents(options: {
    readonly author?: Delegation;
    readonly allDocuments?: boolean;
  }): Promise<{ documents: NonPaper[]; relays: Relay[] }> {
    const [row] = await this.executor.query<{ documents: NonPaper[]; relays: Relay[] }>(
      `SELECT COALESCE((SELECT jsonb_agg(d.document ORDER BY d.created_at, d.id) FROM talks_documents d
                         WHERE $1::boolean OR d.author = $2), '[]'::jsonb) AS documents,
              COALESCE((SELECT jsonb_agg(r.relay ORDER BY r.position) FROM talks_relays r), '[]'::jsonb)
                AS relays`,
      [options.allDocuments ?? false, options.author ?? null],
    );
    return { documents: row?.documents ?? [], relays: row?.relays ?? [] };
  }

  /** One relay. */
  async relay(id: string): Promise<Relay | undefined> {
    const rows = await this.executor.query<{ relay: Relay }>('SELECT relay FROM talks_relays WHERE id = $1', [
      id,
    ]);
    return rows[0]?.relay;
  }

  async addRelay(relay: Relay): Promise<void> {
    await this.executor.query('INSERT INTO talks_relays (id, document_id, relay) VALUES ($1, $2, $3)', [
      relay.id,
      relay.documentId,
      JSON.stringify(relay),
    ]);
  }

  // Texts and rounds

  /** The stored texts, in the order of their group ids; a group never written is absent. */
  async texts(lock = false): Promise<NegotiatingText[]> {
    const rows = await this.executor.query<TextRow>(
      `${textSelect} ORDER BY t.expert_group${lock ? ' FOR UPDATE OF t' : ''}`,
    );
    return rows.map(toText);
  }

  /** One group's text, if it was ever written; `lock` holds its row until the transaction ends. */
  async text(group: ExpertGroup, lock = false): Promise<NegotiatingText | undefined> {
    const rows = await this.executor.query<TextRow>(
      `${textSelect} WHERE t.expert_group = $1${lock ? ' FOR UPDATE OF t' : ''}`,
      [group],
    );
    return rows[0] && toText(rows[0]);
  }

  /**
   * Stores a change of one text from `before` (as read in this transaction; undefined when the group was
   * never written) to `after`: the text's version, and only the clauses and alternatives that are new or
   * changed (the core model returns new objects for what it changes and keeps the others), each kind in one
   * statement. Clauses or alternatives left out of `after` are deleted.
   */
  async saveTextChange(before: NegotiatingText | undefined, after: NegotiatingText): Promise<void> {
    const group = after.group;
    if (before !== undefined && before.group !== group) {
      throw new RangeError(`a change of the ${before.group} text cannot be saved as the ${group} text`);
    }
    if (before === undefined) {
      await this.executor.query(
        `INSERT INTO talks_texts (expert_group, version) VALUES ($1, $2)
         ON CONFLICT (expert_group) DO UPDATE SET version = EXCLUDED.version`,
        [group, after.version],
      );
    } else if (before.version !== after.version) {
      await this.executor.query('UPDATE talks_texts SET version = $2 WHERE expert_group = $1', [
        group,
        after.version,
      ]);
    }
    const old = new Map((before?.clauses ?? []).map((clause, position) => [clause.id, { clause, position }]));
    const clauses: { id: string; position: number; version: number; clause: unknown }[] = [];
    const alternatives: { clause_id: string; id: string; position: number; alternative: Alternative }[] = [];
    const goneAlternatives: { clause_id: string; id: string }[] = [];
    after.clauses.forEach((clause, position) => {
      const was = old.get(clause.id);
      old.delete(clause.id);
      if (was?.clause === clause && was.position === position) return;
      const { alternatives: clauseAlternatives, ...fields } = clause;
      clauses.push({ id: clause.id, position, version: clause.version, clause: fields });
      const oldAlternatives = new Map(
        (was?.clause.alternatives ?? []).map((alternative, at) => [alternative.id, { alternative, at }]),
      );
      clauseAlternatives.forEach((alternative, at) => {
        const same = oldAlternatives.get(alternative.id);
        oldAlternatives.delete(alternative.id);
        if (same?.alternative === alternative && same.at === at) return;
        alternatives.push({ clause_id: clause.id, id: alternative.id, position: at, alternative });
      });
      for (const id of oldAlternatives.keys()) goneAlternatives.push({ clause_id: clause.id, id });
    });
    const goneClauses = [...old.keys()];
    if (goneClauses.length > 0 || goneAlternatives.length > 0) {
      await this.executor.query(
        `DELETE FROM talks_text_alternatives a
          WHERE a.expert_group = $1
            AND (a.clause_id = ANY($2::text[])
                 OR (a.clause_id, a.id) IN (SELECT x.clause_id, x.id
                                              FROM jsonb_to_recordset($3::jsonb) AS x (clause_id text, id text)))`,
        [group, goneClauses, JSON.stringify(goneAlternatives)],
      );
      await this.executor.query(
        'DELETE FROM talks_text_clauses WHERE expert_group = $1 AND id = ANY($2::text[])',
        [group, goneClauses],
      );
    }
    if (clauses.length > 0) {
      await this.executor.query(
        `INSERT INTO talks_text_clauses (expert_group, id, position, version, clause)
         SELECT $1, x.id, x.position, x.version, x.clause
           FROM jsonb_to_recordset($2::jsonb) AS x (id text, position integer, version integer, clause jsonb)
         ON CONFLICT (expert_group, id) DO UPDATE
            SET position = EXCLUDED.position, version = EXCLUDED.version, clause = EXCLUDED.clause`,
        [group, JSON.stringify(clauses)],
      );
    }
    if (alternatives.length > 0) {
      await this.executor.query(
        `INSERT INTO talks_text_alternatives (expert_group, clause_id, id, position, alternative)
         SELECT $1, x.clause_id, x.id, x.position, x.alternative
           FROM jsonb_to_recordset($2::jsonb)
                AS x (clause_id text, id text, position integer, alternative jsonb)
         ON CONFLICT (expert_group, clause_id, id) DO UPDATE
            SET position = EXCLUDED.position, alternative = EXCLUDED.alternative`,
        [group, JSON.stringify(alternatives)],
      );
    }
  }

  /** Stores `text` whole, in place of whatever the group had (seeding, tests). */
  async saveText(text: NegotiatingText): Promise<void> {
    await this.saveTextChange(await this.text(text.group, true), text);
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

  // Private notes: one row per note, one per version (added, never rewritten)

  /** Stores a new note and its versions; `subjectKey` is its subject as one string (what lists filter on). */
  async addNote(note: Note, subjectKey: string, createdAt: string): Promise<void> {
    const latest = note.versions[note.versions.length - 1];
    await this.executor.query(
      `INSERT INTO talks_notes (id, desk, subject_key, subject, created_at, version, deleted)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        note.id,
        note.desk,
        subjectKey,
        JSON.stringify(note.subject),
        createdAt,
        note.version,
        latest?.deleted === true,
      ],
    );
    for (const version of note.versions) await this.insertNoteVersion(note.id, version);
  }

  /** Stores a note's latest version (an edit or a deletion) and its new optimistic version. */
  async addNoteVersion(note: Note): Promise<void> {
    const latest = note.versions[note.versions.length - 1]!;
    await this.executor.query('UPDATE talks_notes SET version = $2, deleted = $3 WHERE id = $1', [
      note.id,
      note.version,
      latest.deleted === true,
    ]);
    await this.insertNoteVersion(note.id, latest);
  }

  private async insertNoteVersion(noteId: string, version: NoteVersion): Promise<void> {
    await this.executor.query(
      'INSERT INTO talks_note_versions (note_id, number, version) VALUES ($1, $2, $3)',
      [noteId, version.number, JSON.stringify(version)],
    );
  }

  /** One note with every version, if stored. */
  async note(id: string): Promise<Note | undefined> {
    const rows = await this.executor.query<NoteRow>(`${noteSelect} WHERE n.id = $1`, [id]);
    return rows[0] && toNote(rows[0]);
  }

  /**
   * A desk's notes, oldest first, on one subject when `subjectKey` is given; deleted ones only when asked.
   * The desk is the caller's: nothing here reads another desk's notes.
   */
  async notes(
    desk: NoteDesk,
    options: { readonly subjectKey?: string; readonly includeDeleted?: boolean } = {},
  ): Promise<Note[]> {
    const rows = await this.executor.query<NoteRow>(
      `${noteSelect} WHERE n.desk = $1 AND ($2::text IS NULL OR n.subject_key = $2)
         AND ($3::boolean OR NOT n.deleted)
       ORDER BY n.created_at, n.id`,
      [desk, options.subjectKey ?? null, options.includeDeleted ?? false],
    );
    return rows.map(toNote);
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

  /** Appends entries (already chained on the locked head) and moves the head to the last, in one statement. */
  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    const last = entries.at(-1);
    if (!last) return;
    const params: unknown[] = [last.seq, last.hash];
    const values = entries.map((entry, i) => {
      params.push(entry.seq, entry.hash, JSON.stringify(entry));
      return `($${i * 3 + 3}::bigint, $${i * 3 + 4}, $${i * 3 + 5}::jsonb)`;
    });
    await this.executor.query(
      `WITH appended AS (INSERT INTO talks_audit (seq, hash, entry) VALUES ${values.join(', ')} RETURNING seq)
       UPDATE talks_audit_head SET seq = $1, hash = $2 WHERE id = 1`,
      params,
    );
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
    return (await this.storedAudit()).map((r) => r.entry);
  }

  /** Every row as stored, with its seq and hash columns, so that a verifier can compare them with the entry. */
  async storedAudit(): Promise<StoredAuditRow[]> {
    const rows = await this.executor.query<{ seq: string | number; hash: string; entry: AuditEntry }>(
      'SELECT seq, hash, entry FROM talks_audit ORDER BY seq',
    );
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, entry: r.entry }));
  }

  /** The entry with seq `seq`, if stored. */
  async auditEntry(seq: number): Promise<AuditEntry | undefined> {
    const rows = await this.executor.query<{ entry: AuditEntry }>(
      'SELECT entry FROM talks_audit WHERE seq = $1',
      [seq],
    );
    return rows[0]?.entry;
  }
}
