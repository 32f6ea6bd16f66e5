-- Trust in the talks' accounts. An admin manages accounts but must not be able to reach what they see, so an
-- account an admin makes (or resets) for anyone but another admin has no password the admin knows: it waits,
-- with no access, for a second party to confirm it (the delegation's head, or the coordinator); the confirmer
-- is given a one-time activation code for the person, who sets their own password with it. An admin can also
-- disable an account and enable it again. Accounts made before this migration count as confirmed and active.
ALTER TABLE talks_users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE talks_users ADD COLUMN confirmed_at timestamptz;
ALTER TABLE talks_users ADD COLUMN confirmed_by text;
ALTER TABLE talks_users ADD COLUMN disabled_at timestamptz;
ALTER TABLE talks_users ADD COLUMN activation_hash text CHECK (activation_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE talks_users ADD COLUMN activation_expires_at timestamptz;
UPDATE talks_users SET confirmed_at = created_at, confirmed_by = 'before-confirmation';
CREATE INDEX talks_users_pending ON talks_users (role, delegation) WHERE confirmed_at IS NULL;

-- The browsers a user signed in from: a device cookie (only its SHA-256 kept) lets its holder sign in without
-- waiting out the slow-down that other people's failed guesses put on the account. Each device counts its
-- own failures and is dropped after too many.
CREATE TABLE talks_devices (
  secret_hash  text PRIMARY KEY CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  user_id      text NOT NULL REFERENCES talks_users (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0)
);
CREATE INDEX talks_devices_user ON talks_devices (user_id);
