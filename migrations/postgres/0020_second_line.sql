-- Second-line escalation (SPEC §6, seed 000 §7–8, issue 15).

-- A department reads on one or more channels: a Mattermost incoming
-- webhook and/or an email address (seed 000 §8 gives legal and finance
-- both). The single channel of 0006 becomes the first row of the list.
CREATE TABLE department_channels (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    department_id  BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    position       BIGINT NOT NULL CHECK (position >= 0),
    kind           TEXT NOT NULL CHECK (kind IN ('email','mattermost')),
    address        TEXT NOT NULL CHECK (length(trim(address)) > 0),
    UNIQUE (department_id, position)
);
INSERT INTO department_channels (department_id, position, kind, address)
    SELECT id, 0, channel, address FROM departments;
ALTER TABLE departments DROP COLUMN channel;
ALTER TABLE departments DROP COLUMN address;

-- A question to a department about a ticket, with the department's own
-- deadline (working days of the desk's calendar from asked_at), stored
-- when asked. Answered (the answer is an internal note) or withdrawn.
CREATE TABLE escalations (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id          BIGINT NOT NULL REFERENCES tickets(id),
    department_id      BIGINT NOT NULL REFERENCES departments(id),
    question           TEXT NOT NULL CHECK (length(trim(question)) > 0),
    asked_by           BIGINT NOT NULL REFERENCES users(id),
    asked_at           BIGINT NOT NULL,
    due_at             BIGINT NOT NULL,
    state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','answered','withdrawn')),
    closed_by          BIGINT REFERENCES users(id),
    closed_at          BIGINT,
    answer_comment_id  BIGINT REFERENCES ticket_comments(id),
    -- Set by the one replica that noted the passed deadline.
    overdue_noted_at   BIGINT
);
CREATE INDEX escalations_ticket ON escalations (ticket_id);
CREATE INDEX escalations_due ON escalations (state, due_at);

-- Messages to Mattermost webhooks, one row per escalation and channel,
-- written with the escalation and sent by whichever replica claims them
-- first (as the outbox): at least once, with a doubling wait between tries.
CREATE TABLE escalation_posts (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    escalation_id    BIGINT NOT NULL REFERENCES escalations(id),
    url              TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 200),
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
    attempts         BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  BIGINT NOT NULL,
    claimed_until    BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT,
    UNIQUE (escalation_id, url)
);
CREATE INDEX escalation_posts_due ON escalation_posts (status, next_attempt_at);

-- Seed 000 §7's eight departments are written once at start on a fresh
-- install (store::admin::ensure_shipped_departments); a database that has
-- departments already keeps its own.
INSERT INTO counters (name, value)
    SELECT 'shipped_departments', CASE WHEN EXISTS (SELECT 1 FROM departments) THEN 1 ELSE 0 END;
