-- The audit history: every change of a ticket, who made it, before → after.
-- Rows are only ever inserted (nothing in SLA Board deletes history).
CREATE TABLE ticket_history (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
    -- NULL: the system (e.g. the automatic archive ten days after release).
    actor_id   BIGINT REFERENCES users(id),
    at         BIGINT NOT NULL,
    field      TEXT NOT NULL CHECK (length(field) > 0),
    before     TEXT,
    after      TEXT
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, at);

-- Why a ticket was rejected, shown to the client.
ALTER TABLE tickets ADD COLUMN rejection_reason TEXT;
