-- Mail the desk sends (issue 13). Mails are planned from the event log by
-- one follower at a time (its cursor is the 'mail' counter row, moved in
-- the transaction that inserts the mails, so each event is planned once)
-- and rendered when planned: what an admin sees in the outbox is exactly
-- what will be sent. A sender claims due rows, sends, and marks them.

-- The language a person's mails are written in; NULL: the desk's default.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('ru','uk','en'));

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    ticket_id        BIGINT REFERENCES tickets(id),
    -- The event the mail was planned from; NULL for mails no event made
    -- (a refusal to an unknown sender).
    event_seq        BIGINT,
    recipient_id     BIGINT REFERENCES users(id),
    to_address       TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 320),
    language         TEXT NOT NULL CHECK (language IN ('ru','uk','en')),
    subject          TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 1000),
    body             TEXT NOT NULL,
    -- Ours, unique: replies quoting it in In-Reply-To/References thread
    -- back into the ticket.
    message_id       TEXT NOT NULL UNIQUE,
    in_reply_to      TEXT,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
    attempts         BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  BIGINT NOT NULL,
    -- A sender's claim: other senders leave the row alone until then.
    claimed_until    BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT
);
-- One mail of a kind per event and address, whoever plans it.
CREATE UNIQUE INDEX outbox_once ON outbox (event_seq, kind, to_address);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox (ticket_id);

-- Notification kinds a person switched off (the acknowledgement cannot be).
CREATE TABLE notification_optouts (
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    PRIMARY KEY (user_id, kind)
);

-- Planning starts after the events already in the log: history from
-- before mail existed sends nothing.
INSERT INTO counters (name, value) SELECT 'mail', COALESCE(MAX(seq), 0) FROM ticket_events;
