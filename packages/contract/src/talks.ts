import { z } from 'zod';

/** The largest request body any `/api/talks` route accepts (bytes): a non-paper of about 100 pages. */
export const talksBodyLimitBytes = 262_144;
/** The longest text field (a non-paper's text, an alternative's wording), in characters. */
export const talksTextMaxLength = 100_000;
/** How long a web session lasts from sign-in (hours). */
export const talksSessionHours = 12;
/** The name of the session cookie. */
export const talksSessionCookie = 'lockstep_session';
/**
 * The name of the device cookie: set on a browser after a successful sign-in, it lets that browser sign in to
 * the same account without waiting out the slow-down other people's failed guesses put on it.
 */
export const talksDeviceCookie = 'lockstep_device';
/** How long a device cookie is honoured (days). */
export const talksDeviceDays = 90;
/** The shortest and longest password accepted (characters). */
export const talksPasswordLength = { min: 12, max: 200 } as const;
/** The lowest zxcvbn score (0 to 4) a new password must reach: 3 is "safely unguessable" online. */
export const talksPasswordMinScore = 3;

export const TalksDelegation = z.enum(['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu']);
export const TalksRole = z.enum(['coordinator', 'head', 'member', 'observer', 'admin']);
export const TalksParty = z.union([TalksDelegation, z.literal('coordinator')]);
export const ExpertGroupId = z.enum(['sanctions-lifting', 'nuclear-implementation', 'sequencing']);
export const ClauseStatusId = z.enum(['open', 'agreed-ad-referendum', 'agreed']);
export const RelayTargetId = z.union([TalksDelegation, z.literal('plenary')]);

const title = z.string().trim().min(1).max(300);
const longText = z.string().max(talksTextMaxLength);
const version = z
  .number()
  .int()
  .min(1)
  .describe('The version the write is based on (optimistic concurrency)');
const instant = z.string().describe('ISO 8601 instant');
/** Ids the server gives: letters, digits, `_` and `-`, at most 64. */
export const TalksId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1 to 64 letters, digits, "_" or "-"');

// People

export const TalksAccountStatus = z
  .enum(['active', 'pending', 'activation', 'disabled'])
  .describe(
    'active; pending: made (or reset) by an admin and waiting, with no access, for a second party to confirm it; activation: confirmed, waiting for the person to set a password with the activation code the confirmer was given; disabled by an admin',
  );
export const TalksUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: TalksRole,
    delegation: TalksDelegation.optional(),
    createdAt: instant,
    status: TalksAccountStatus,
    confirmedBy: z
      .string()
      .optional()
      .describe('Who confirmed the account: a user id, or cli:local-admin on the server machine'),
    confirmedAt: instant.optional(),
    disabledAt: instant.optional(),
    activationExpiresAt: instant
      .optional()
      .describe('While in activation: until when its activation code works'),
  })
  .meta({ id: 'TalksUser' });
export type TalksUser = z.infer<typeof TalksUser>;

export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,39}$/,
    'a username is 2 to 40 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
export const Password = z
  .string()
  .min(talksPasswordLength.min, `a password has at least ${talksPasswordLength.min} characters`)
  .max(talksPasswordLength.max, `a password has at most ${talksPasswordLength.max} characters`)
  .describe(
    `${talksPasswordLength.min} to ${talksPasswordLength.max} characters, not a common or easily guessed password (zxcvbn score ${talksPasswordMinScore} or more, checked by the server)`,
  );

export const SignInInput = z.object({ username: z.string().max(100), password: z.string().max(200) });
export type SignInInput = z.infer<typeof SignInInput>;

export const SessionInfo = z
  .object({ user: TalksUser, expiresAt: instant, via: z.enum(['session', 'token']) })
  .meta({ id: 'TalksSession' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupState = z.object({
  needsAdmin: z.boolean().describe('True until the first admin exists'),
  firstCoordinator: z
    .object({ id: z.string(), username: z.string(), displayName: z.string() })
    .optional()
    .describe(
      'A coordinator account waiting while no coordinator is confirmed: confirmed with the console code, from this machine only (shown only there)',
    ),
  fromLocalhost: z
    .boolean()
    .describe(
      'Whether this request may create the first admin: from 127.0.0.1 or ::1, addressed to localhost by Host and Origin',
    ),
});
export type SetupState = z.infer<typeof SetupState>;

export const CreateUserInput = z
  .object({
    username: Username,
    displayName: z.string().trim().min(1).max(120),
    role: TalksRole,
    delegation: TalksDelegation.optional(),
    password: Password.optional().describe(
      'For an admin account only: an admin never chooses the password of an account that sees the talks (it is set by the person, with the activation code their confirmer is given)',
    ),
  })
  .refine((u) => (u.role === 'head' || u.role === 'member') === (u.delegation !== undefined), {
    message: 'heads and members need a delegation; coordinators, observers and admins have none',
    path: ['delegation'],
  });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

const ConsoleCode = z
  .string()
  .max(40)
  .describe('The one-time code the server printed on its console (required over the API)');
export const SetupInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(120),
  password: Password,
  setupCode: ConsoleCode.optional(),
});
export const ConfirmFirstCoordinatorInput = z.object({ userId: TalksId, setupCode: ConsoleCode });
export const ActivateInput = z.object({
  username: z.string().max(100),
  activationCode: z.string().max(40).describe('The code the confirmer of the account was given'),
  password: Password,
});
/** A confirmation: the account, and the activation code to hand to the person (shown once) when it has none. */
export const ConfirmedAccount = z
  .object({
    user: TalksUser,
    activationCode: z
      .string()
      .optional()
      .describe('Shown once: give it to the person, who sets their own password with it at /talks/activate'),
    activationExpiresAt: z.string().optional(),
    activationCodeOnConsole: z
      .boolean()
      .optional()
      .describe(
        "True for the first coordinator: its code was printed on the server's console, not sent here",
      ),
  })
  .meta({ id: 'TalksConfirmedAccount' });
export type ConfirmedAccount = z.infer<typeof ConfirmedAccount>;
export type SetupInput = z.infer<typeof SetupInput>;

export const UserList = z.object({ users: z.array(TalksUser) });
export const UserIdParams = z.object({ id: TalksId });

export const ResetPasswordInput = z.object({
  password: Password.optional().describe(
    'For an admin account only: any other account is taken back to pending, with no password, for its confirmer to confirm again',
  ),
});
export const ChangePasswordInput = z.object({
  currentPassword: z.string().max(talksPasswordLength.max),
  newPassword: Password,
});
/** What ending a user's sessions (a password change, a reset, disabling) ended. */
export const SessionsEnded = z
  .object({
    user: TalksUser,
    sessionsEnded: z.number().int().describe('Web sessions ended'),
    tokensEnded: z.number().int().describe('API tokens revoked'),
  })
  .meta({ id: 'TalksSessionsEnded' });
export type SessionsEnded = z.infer<typeof SessionsEnded>;

export const ApiToken = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string(),
    createdAt: instant,
    expiresAt: instant,
    revokedAt: instant.optional(),
  })
  .meta({ id: 'TalksApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenInput = z.object({
  label: z.string().trim().min(1).max(120),
  expiresInDays: z.number().int().min(1).max(365).default(90),
  userId: z
    .string()
    .optional()
    .describe(
      'Your own user id (the default). A token is made only by its owner: no one, the admin included, makes one for someone else',
    ),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

export const CreatedToken = z.object({
  token: ApiToken,
  secret: z.string().describe('Shown once: send it as `Authorization: Bearer <secret>`'),
});
export type CreatedToken = z.infer<typeof CreatedToken>;
export const TokenList = z.object({ tokens: z.array(ApiToken) });

// Channels and papers

export const ChannelList = z.object({
  channels: z.array(
    z.object({
      id: z.string(),
      delegations: z.array(TalksDelegation).describe('Who is at the far end from the coordinator'),
    }),
  ),
});

export const DocumentVersionJson = z.object({
  number: z.number().int(),
  text: z.string(),
  at: instant,
  by: z.string(),
  sentAt: instant.optional(),
});

export const RelayJson = z.object({
  id: z.string(),
  documentId: z.string(),
  documentVersion: z.number().int(),
  author: TalksDelegation,
  title: z.string(),
  text: z.string(),
  edited: z.boolean(),
  note: z.string(),
  to: z.array(RelayTargetId),
  by: z.string(),
  at: instant,
  discloseAuthor: z.boolean(),
});

export const ReceivedRelayJson = z.object({
  relayId: z.string().describe('The relay; a recipient is never told which paper it came from'),
  title: z.string(),
  text: z.string(),
  note: z.string(),
  relayedBy: z.string(),
  at: instant,
  author: TalksDelegation.optional(),
});

export const DocumentView = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('own'),
      documentId: z.string(),
      channel: z.string(),
      title: z.string(),
      version: z.number().int(),
      versions: z.array(DocumentVersionJson),
    }),
    z.object({
      kind: z.literal('sent'),
      documentId: z.string(),
      author: TalksDelegation,
      channel: z.string(),
      title: z.string(),
      versions: z.array(DocumentVersionJson),
      relays: z.array(RelayJson),
    }),
  ])
  .meta({ id: 'TalksDocumentView' });
export type DocumentView = z.infer<typeof DocumentView>;

export const InboxItemJson = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('own'),
    documentId: z.string(),
    title: z.string(),
    latestVersion: z.number().int(),
  }),
  z.object({
    kind: z.literal('sent'),
    documentId: z.string(),
    author: TalksDelegation,
    title: z.string(),
    version: z.number().int(),
    sentAt: instant,
  }),
  ReceivedRelayJson.extend({ kind: z.literal('received') }),
]);
export const Inbox = z.object({ items: z.array(InboxItemJson) }).meta({ id: 'TalksInbox' });
export const ReceivedRelayView = ReceivedRelayJson.meta({ id: 'TalksReceivedRelay' });
export type ReceivedRelayView = z.infer<typeof ReceivedRelayView>;
export const RelayIdParams = z.object({ id: TalksId });
export type Inbox = z.infer<typeof Inbox>;

export const CreateDocumentInput = z.object({
  title,
  text: longText,
  channel: z.string().optional().describe('Default: your bilateral channel; "plenary" for plenary members'),
});
export const AddVersionInput = z.object({ text: longText, expectedVersion: version });
export const SendVersionInput = z.object({ number: z.number().int().min(1), expectedVersion: version });
export const RelayInput = z.object({
  documentVersion: z.number().int().min(1),
  title: title.optional().describe("The coordinator's edit of the title; the author's when absent"),
  text: longText.optional().describe("The coordinator's edit of the text; the author's when absent"),
  note: z.string().max(10_000).default(''),
  to: z.array(RelayTargetId).min(1).max(9),
  discloseAuthor: z.boolean().default(false),
});
export type RelayInput = z.input<typeof RelayInput>;

// The negotiating texts

export const ClauseReferenceJson = z.object({
  kind: z.enum(['sequencing-plan', 'sanctions-designations', 'nuclear-steps']),
  ids: z.array(z.string().max(200)).max(500),
});

export const RenderedClauseJson = z.object({
  id: z.string(),
  title: z.string(),
  status: ClauseStatusId,
  agreedAlternative: z.string().optional(),
  alternatives: z.array(z.object({ id: z.string(), text: z.string(), proposer: TalksParty.optional() })),
  history: z.array(
    z.object({
      by: z.string(),
      at: instant,
      from: ClauseStatusId,
      to: ClauseStatusId,
      alternativeId: z.string().optional(),
    }),
  ),
  weight: z.number(),
  references: z.array(ClauseReferenceJson),
  version: z.number().int(),
});
export const RenderedTextJson = z
  .object({ group: ExpertGroupId, version: z.number().int(), clauses: z.array(RenderedClauseJson) })
  .meta({ id: 'TalksText' });
export type RenderedTextJson = z.infer<typeof RenderedTextJson>;
export const TextList = z.object({ texts: z.array(RenderedTextJson) });

export const AddClauseInput = z.object({
  title,
  weight: z.number().positive().max(1000).default(1),
  references: z.array(ClauseReferenceJson).max(20).default([]),
  expectedVersion: version.describe("The text's version (its clause list)"),
});
export const ProposeInput = z.object({
  text: longText,
  proposer: TalksParty,
  disclosedTo: z.array(TalksDelegation).max(8).default([]),
  expectedVersion: version.describe("The clause's version"),
});
export const WithdrawInput = z.object({ expectedVersion: version.describe("The clause's version") });
export const SetStatusInput = z.object({
  to: ClauseStatusId,
  alternativeId: z.string().optional(),
  expectedVersion: version.describe("The clause's version"),
});

// Rounds and progress

export const ProgressFiguresJson = z.object({
  total: z.number().int(),
  agreed: z.number().int(),
  adReferendum: z.number().int(),
  share: z.number(),
  provisionalShare: z.number(),
  weightedShare: z.number(),
});
export const TalksProgressJson = z.object({
  groups: z.array(ProgressFiguresJson.extend({ group: ExpertGroupId })),
  overall: ProgressFiguresJson,
});
export const ProgressReport = z
  .object({
    now: TalksProgressJson,
    history: z.array(z.object({ at: instant, progress: TalksProgressJson })),
  })
  .meta({ id: 'TalksProgress' });
export type ProgressReport = z.infer<typeof ProgressReport>;

export const TextChangeJson = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clause-added'), group: ExpertGroupId, clause: RenderedClauseJson }),
  z.object({
    kind: z.enum(['alternative-added', 'alternative-withdrawn']),
    group: ExpertGroupId,
    clauseId: z.string(),
    alternative: z.object({ id: z.string(), text: z.string(), proposer: TalksParty.optional() }),
  }),
  z.object({
    kind: z.literal('status-changed'),
    group: ExpertGroupId,
    clauseId: z.string(),
    from: ClauseStatusId,
    to: ClauseStatusId,
  }),
]);

export const RoundJson = z.object({
  number: z.number().int(),
  openedAt: instant,
  openedBy: z.string(),
  closedAt: instant.optional(),
  closedBy: z.string().optional(),
  progress: TalksProgressJson.optional().describe('Progress when the round closed'),
});
export const RoundsReport = z
  .object({
    version: z.number().int(),
    rounds: z.array(RoundJson),
    open: z.number().int().optional().describe('The round under way, if any'),
    changesSinceLastRound: z
      .array(TextChangeJson)
      .describe('What changed in the texts since the last closed round, as you may see it'),
  })
  .meta({ id: 'TalksRounds' });
export type RoundsReport = z.infer<typeof RoundsReport>;
export const RoundWriteInput = z.object({ expectedVersion: version.describe("The rounds' version") });

// The record

export const AuditEntryJson = z.object({
  seq: z.number().int(),
  at: instant,
  actor: z.object({ userId: z.string(), role: TalksRole, delegation: TalksDelegation.optional() }),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const AuditPage = z.object({
  entries: z.array(AuditEntryJson),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
});
export const AuditQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const AuditVerification = z
  .object({
    ok: z.boolean(),
    count: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }),
    problem: z.enum(['edited', 'removed', 'reordered', 'inserted']).optional(),
    firstBad: z.number().int().optional().describe('The seq of the first entry at fault'),
    message: z.string(),
    checkpoints: z
      .array(
        z.object({
          file: z.string().optional(),
          seq: z.number().int(),
          at: instant,
          keyId: z.string(),
          ok: z.boolean(),
          problem: z
            .enum(['malformed', 'unknown-key', 'bad-signature', 'rolled-back', 'rewritten'])
            .optional(),
          message: z.string(),
        }),
      )
      .default([])
      .describe(
        'The signed checkpoints that fail, then the newest that hold: the log must still hold the entry each signed (a rewrite by a database writer, even with every hash recomputed, fails here)',
      ),
    checkpointsChecked: z.number().int().default(0).describe('How many signed checkpoints were checked'),
  })
  .meta({ id: 'TalksAuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AuditCheckpointJson = z
  .object({
    format: z.literal('lockstep-audit-checkpoint/1'),
    seq: z.number().int(),
    hash: z.string(),
    at: instant,
    publicKey: z.string().describe('The Ed25519 public key, raw, base64'),
    keyId: z.string().describe('The first 16 hex digits of the SHA-256 of the public key'),
    signature: z.string().describe('Ed25519 signature of the canonical JSON of the other fields, base64'),
  })
  .meta({ id: 'TalksAuditCheckpoint' });
export type AuditCheckpointJson = z.infer<typeof AuditCheckpointJson>;

export const DocumentIdParams = z.object({ id: TalksId });
export const GroupParams = z.object({ group: ExpertGroupId });
export const ClauseParams = z.object({ group: ExpertGroupId, clauseId: TalksId });
export const AlternativeParams = z.object({
  group: ExpertGroupId,
  clauseId: TalksId,
  alternativeId: TalksId,
});
export const TokenIdParams = z.object({ id: TalksId });
export const Done = z.object({ ok: z.literal(true) });

// The negotiating text as a document (issue 17)

export const textDocumentFormats = ['docx', 'pdf'] as const;
export const TextDocumentQuery = z.object({
  group: ExpertGroupId,
  format: z.enum(textDocumentFormats, { error: 'format must be docx or pdf' }).describe('docx (Word) or pdf'),
});
export type TextDocumentQuery = z.infer<typeof TextDocumentQuery>;
/** A document download: its media type, file name and bytes (the server sends the bytes). */
export const TextDocumentFile = z.object({
  contentType: z.string(),
  fileName: z.string(),
  body: z.custom<Uint8Array>((value) => value instanceof Uint8Array),
});
export type TextDocumentFile = z.infer<typeof TextDocumentFile>;

/**
 * The import of a bracketed text: `text` (plain text) or `docx` (the .docx file as base64; the request body, JSON,
 * is limited to 256 KiB, so a .docx of about 190 KB at most), and `apply`.
 */
export const TextImportInput = z
  .object({
    text: z
      .string()
      .max(talksTextMaxLength)
      .optional()
      .describe(
        'Plain text: one numbered paragraph per clause ("1. Title [alternative A] [alternative B]"); give this or docx',
      ),
    docx: z
      .string()
      .max(talksBodyLimitBytes)
      .optional()
      .describe('A .docx file, base64: its paragraphs read as the plain text is; give this or text'),
    apply: z
      .boolean()
      .default(false)
      .describe('false (default): only the preview of the clauses it would create; true: create them'),
  })
  .describe('A bracketed text to import into an empty negotiating text (coordinator)');
export type TextImportInput = z.input<typeof TextImportInput>;
export const ImportedClauseJson = z.object({
  number: z.number().int().describe('The paragraph number in the file'),
  id: z.string().describe('The clause id it gets (or got)'),
  title: z.string(),
  alternatives: z.array(z.string()).describe('The bracketed alternatives, in order, without brackets'),
});
export const TextImportResult = z
  .object({
    group: ExpertGroupId,
    applied: z.boolean().describe('Whether the clauses were created (false: a preview)'),
    clauses: z.array(ImportedClauseJson),
    text: RenderedTextJson.optional().describe('The text after the import, when applied'),
  })
  .meta({ id: 'TalksTextImport' });
export type TextImportResult = z.infer<typeof TextImportResult>;

// The report of a closed round (issue 17)

export const roundReportFormats = ['json', 'html', 'pdf'] as const;
export const RoundReportQuery = z.object({
  number: z.coerce.number().int().min(1).max(100_000).describe('The number of a closed round'),
  format: z
    .enum(roundReportFormats, { error: 'format must be json, html or pdf' })
    .default('json')
    .describe('json (the report as data), html (a printable page) or pdf (one A4 page)'),
});
export type RoundReportQuery = z.input<typeof RoundReportQuery>;
const figuresThen = ProgressFiguresJson.optional().describe("The figures at the previous round's close");
export const RoundReportJson = z
  .object({
    round: z.number().int(),
    openedAt: instant,
    openedBy: z.string().describe('The coordinator account that opened it'),
    closedAt: instant,
    closedBy: z.string().describe('The coordinator account that closed it'),
    previousRound: z
      .object({ number: z.number().int(), closedAt: instant })
      .optional()
      .describe('The round whose close the changes are counted from; absent for round 1'),
    reader: z
      .object({ role: TalksRole, delegation: TalksDelegation.optional() })
      .describe('Whom the report is drawn for: what it lists is what this reader may see'),
    generatedAt: instant,
    shares: z.object({
      groups: z.array(ProgressFiguresJson.extend({ group: ExpertGroupId, previous: figuresThen })),
      overall: ProgressFiguresJson.extend({ previous: figuresThen }),
    }),
    changes: z
      .array(TextChangeJson)
      .describe("From the previous round's close to this one, proposers only as disclosed to the reader"),
    openBrackets: z.array(
      z.object({
        group: ExpertGroupId,
        openClauses: z.number().int(),
        alternatives: z.number().int().describe('Standing alternatives in the open clauses'),
        clauses: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            alternatives: z.array(
              z.object({ id: z.string(), text: z.string(), proposer: TalksParty.optional() }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'TalksRoundReport' });
export type RoundReportJson = z.infer<typeof RoundReportJson>;
/** The report as a file: JSON, a printable HTML page (shown `inline`, in the browser) or a one-page PDF. */
export const RoundReportFile = TextDocumentFile.extend({
  inline: z.boolean().optional().describe('Shown in the browser rather than saved'),
});
export type RoundReportFile = z.infer<typeof RoundReportFile>;

// Private notes

/** The most characters a private note may have (the core model's `noteTextMaxChars`). */
export const talksNoteMaxLength = 10_000;

/** What a note is on, as one string: a paper, a relay that reached you, or a clause of a text. */
export const NoteSubjectKey = z
  .string()
  .max(200)
  .regex(
    /^(document:[A-Za-z0-9_-]{1,64}|relay:[A-Za-z0-9_-]{1,64}|clause:(sanctions-lifting|nuclear-implementation|sequencing)\/[A-Za-z0-9_-]{1,64})$/,
    'a note subject is document:<paper id>, relay:<relay id> or clause:<group>/<clause id>',
  )
  .describe('What the note is on: document:<paper id>, relay:<relay id> or clause:<group>/<clause id>');

export const NoteVersionJson = z.object({
  number: z.number().int(),
  text: z.string().describe('Empty for the version that deleted the note'),
  at: instant,
  by: z.string(),
  deleted: z.literal(true).optional(),
});

export const NoteJson = z
  .object({
    id: z.string(),
    desk: TalksParty.describe("Whose note it is: your delegation's, or the coordinator's office's"),
    subject: NoteSubjectKey,
    version: z.number().int().describe('The version your next edit or deletion names'),
    deleted: z.boolean(),
    text: z.string().describe('The latest text (the last before its deletion, for a deleted note)'),
    updatedAt: instant,
    updatedBy: z.string(),
    versions: z.array(NoteVersionJson).describe('Every version, oldest first'),
  })
  .meta({ id: 'TalksNote' });
export type NoteJson = z.infer<typeof NoteJson>;

export const NoteList = z.object({ notes: z.array(NoteJson) }).meta({ id: 'TalksNoteList' });
export type NoteList = z.infer<typeof NoteList>;

export const TalksExport = z
  .object({
    exportedAt: instant,
    exportedBy: TalksUser,
    texts: z.array(RenderedTextJson),
    progress: TalksProgressJson,
    rounds: RoundsReport,
    documents: z.array(DocumentView).describe("Your delegation's papers, or (coordinator) those sent to you"),
    relays: z.array(ReceivedRelayJson).describe('Every relay that reached you'),
    notes: z
      .array(NoteJson)
      .describe(
        "Your desk's private notes, every version, deleted ones marked (none for an observer, who keeps none)",
      ),
  })
  .meta({ id: 'TalksExport' });
export type TalksExport = z.infer<typeof TalksExport>;
export const NoteListQuery = z.object({
  subject: NoteSubjectKey.optional().describe('Only the notes on this subject; all your desk has without it'),
  deleted: z.enum(['true', 'false']).default('false').describe('Whether deleted notes are listed too'),
});
const noteText = z.string().max(talksNoteMaxLength).describe('The note (private to your desk)');
export const CreateNoteInput = z.object({ subject: NoteSubjectKey, text: noteText });
export type CreateNoteInput = z.infer<typeof CreateNoteInput>;
export const EditNoteInput = z.object({ text: noteText, expectedVersion: version });
export const DeleteNoteQuery = z.object({ expectedVersion: z.coerce.number().int().min(1) });
export const NoteIdParams = z.object({ id: TalksId });
