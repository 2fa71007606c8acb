-- Sign-in. An account without a password hash cannot sign in (it was
-- created before passwords existed, or by demo data of an older release);
-- a disabled account keeps its history but can neither sign in nor use a
-- session it already had.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;

-- Sign-in attempts per subject ('account:<email>' or 'ip:<address>') in a
-- fixed window, counted before the password is checked so that parallel
-- guesses cannot overtake the limit. Kept in the database so that every
-- replica shares the counts.
CREATE TABLE login_throttle (
    subject       TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    attempts      BIGINT NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
