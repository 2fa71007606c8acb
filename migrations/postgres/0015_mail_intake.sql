-- Mail in (issue 13): mails taken from an IMAP mailbox become tickets or
-- comments. Each mail is recorded here in the transaction that made its
-- ticket or comment (or decided to make nothing), and flagged on the mail
-- server only after that commit: a crash in between re-reads the mail and
-- finds it here, so nothing is made twice.

-- The domain an organisation's people write from: an unknown address at it
-- opens tickets for the organisation. Lower case, without '@'.
ALTER TABLE organisations ADD COLUMN mail_domain TEXT CHECK (mail_domain IS NULL OR length(mail_domain) BETWEEN 3 AND 253);
CREATE UNIQUE INDEX organisations_mail_domain ON organisations (mail_domain);
-- 1 on the one organisation where unknown senders' tickets wait for an
-- operator (created on first use); NULL everywhere else.
ALTER TABLE organisations ADD COLUMN mail_queue BIGINT CHECK (mail_queue IS NULL OR mail_queue = 1);
CREATE UNIQUE INDEX organisations_mail_queue ON organisations (mail_queue);

CREATE TABLE mail_intake (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- user@host/folder: which mailbox the UID belongs to.
    mailbox       TEXT NOT NULL,
    uid_validity  BIGINT NOT NULL,
    uid           BIGINT NOT NULL,
    -- Without angle brackets; 'sha256:<hex>' of the raw mail when it has none.
    message_id    TEXT NOT NULL,
    from_address  TEXT,
    subject       TEXT NOT NULL DEFAULT '',
    -- When the mail arrived in the mailbox (IMAP INTERNALDATE).
    received_at   BIGINT NOT NULL,
    processed_at  BIGINT NOT NULL,
    size          BIGINT NOT NULL CHECK (size >= 0),
    outcome       TEXT NOT NULL CHECK (outcome IN ('ticket','comment','ignored','refused')),
    reason        TEXT,
    ticket_id     BIGINT REFERENCES tickets(id),
    comment_id    BIGINT REFERENCES ticket_comments(id),
    CHECK ((outcome IN ('ticket','comment')) = (ticket_id IS NOT NULL)),
    CHECK ((outcome = 'comment') = (comment_id IS NOT NULL))
);
CREATE UNIQUE INDEX mail_intake_uid ON mail_intake (mailbox, uid_validity, uid);
-- A mail delivered twice (to two of our addresses) is taken once.
CREATE UNIQUE INDEX mail_intake_message ON mail_intake (message_id);
CREATE INDEX mail_intake_latest ON mail_intake (processed_at);

-- One replica polls a mailbox at a time: the holder's lease until 'until'.
CREATE TABLE mail_intake_lease (
    mailbox  TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until    BIGINT NOT NULL
);
