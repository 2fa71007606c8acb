-- Deadline extension with the client's agreement (issue 15, seed 004).

-- An agent's proposal of a later resolution deadline, with its reason,
-- and how it ended: agreed by a client (on the page or by a mail reply),
-- declined, or withdrawn by the desk. old_due is the deadline when it was
-- proposed; new_due the one proposed. At most one proposal of a ticket
-- waits for an answer at a time.
CREATE TABLE ticket_extensions (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id        BIGINT NOT NULL REFERENCES tickets(id),
    organisation_id  BIGINT NOT NULL REFERENCES organisations(id),
    proposed_by      BIGINT NOT NULL REFERENCES users(id),
    proposed_at      BIGINT NOT NULL,
    reason           TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    old_due          BIGINT NOT NULL,
    new_due          BIGINT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'proposed'
                     CHECK (state IN ('proposed','agreed','declined','withdrawn')),
    answered_by      BIGINT REFERENCES users(id),
    answered_at      BIGINT,
    via              TEXT CHECK (via IN ('web','mail')),
    CHECK (new_due > old_due),
    CHECK ((state = 'proposed') = (answered_at IS NULL))
);
CREATE UNIQUE INDEX ticket_extensions_pending ON ticket_extensions (ticket_id) WHERE state = 'proposed';
CREATE INDEX ticket_extensions_ticket ON ticket_extensions (ticket_id);
CREATE INDEX ticket_extensions_answered ON ticket_extensions (answered_at);

-- The resolution deadline a client last agreed to, and when they agreed
-- (domain::sla::AgreedDeadline): the clock counts to whichever gives more
-- time, the level's target or this, measured as the ticket stood at the
-- agreement. Two instants, not seconds, so a later level or calendar
-- counts the agreement in its own terms.
ALTER TABLE tickets ADD COLUMN agreed_resolution_until BIGINT;
ALTER TABLE tickets ADD COLUMN agreed_resolution_at BIGINT;
