-- Who is looking at a ticket right now (issue 12): each open ticket page
-- says so every 15 seconds; a row older than a minute means gone. One row
-- per ticket and person, replaced, so the table holds at most the open
-- pages' worth of rows; the sweep removes the stale ones.
CREATE TABLE ticket_presence (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
