-- Comments on a ticket: public replies the client sees and internal notes
-- only support sees. Like the history, rows are only ever inserted.
CREATE TABLE ticket_comments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
    author_id   BIGINT NOT NULL REFERENCES users(id),
    at          BIGINT NOT NULL,
    -- The server trims and limits the body too; this keeps a script or a
    -- future endpoint from storing what the page could not show.
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0 AND length(body) <= 20000),
    visibility  TEXT NOT NULL CHECK (visibility IN ('public','internal'))
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, at);
