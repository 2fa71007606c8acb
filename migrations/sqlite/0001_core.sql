-- Instants are UTC unix seconds (BIGINT) in both backends: one query path
-- through sqlx's Any driver, and "right to the second" is all the SLA needs.
CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at  BIGINT NOT NULL
);

CREATE TABLE calendars (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- The calendar JSON of the API; validated by the domain before it is stored.
    spec  TEXT NOT NULL
);

CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id  BIGINT NOT NULL REFERENCES organisations(id),
    calendar_id      BIGINT NOT NULL REFERENCES calendars(id),
    policy_code      TEXT NOT NULL,
    level            TEXT NOT NULL,
    valid_from       BIGINT NOT NULL,
    valid_to         BIGINT,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('client','operator','consultant','lead','admin')),
    organisation_id  BIGINT REFERENCES organisations(id),
    -- Clients belong to exactly one organisation, agents to none.
    CHECK ((role = 'client') = (organisation_id IS NOT NULL))
);

-- Human ticket numbers come from a counter so they are never reused.
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('ticket', 1000);

CREATE TABLE tickets (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    number             BIGINT NOT NULL UNIQUE,
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL CHECK (category IN ('incident','change_request','consultation','documentation_request')),
    priority           TEXT NOT NULL CHECK (priority IN ('critical','high','normal','low')),
    status             TEXT NOT NULL CHECK (status IN ('backlog','sprint','in_progress','done','release','archive')),
    waiting_reason     TEXT CHECK (waiting_reason IN ('client_info','client_approval','payment')),
    channel            TEXT NOT NULL CHECK (channel IN ('web','email','phone','messenger')),
    organisation_id    BIGINT NOT NULL REFERENCES organisations(id),
    requester_id       BIGINT NOT NULL REFERENCES users(id),
    assignee_id        BIGINT REFERENCES users(id),
    received_at        BIGINT NOT NULL,
    first_response_at  BIGINT,
    version            BIGINT NOT NULL DEFAULT 1,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX tickets_board ON tickets (status, organisation_id);

-- The pause ledger: intervals while the ticket waited for the client.
CREATE TABLE ticket_pauses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
    reason      TEXT NOT NULL CHECK (reason IN ('client_info','client_approval','payment')),
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX ticket_pauses_ticket ON ticket_pauses (ticket_id);

-- Release periods stop the resolution clock; a reopen closes the period.
CREATE TABLE ticket_releases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id    BIGINT NOT NULL REFERENCES tickets(id),
    released_at  BIGINT NOT NULL,
    reopened_at  BIGINT,
    CHECK (reopened_at IS NULL OR reopened_at >= released_at)
);
CREATE INDEX ticket_releases_ticket ON ticket_releases (ticket_id);
