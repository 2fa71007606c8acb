-- Attachments (issue 13): files on tickets and comments. The bytes live in
-- the attachment storage (a local directory or S3-compatible object
-- storage) under server-generated keys; this row says whose they are.
--
-- A row is written before its bytes are stored, so storage never holds a
-- file without a row: an upload the browser has not yet sent with its
-- comment or ticket is 'pending' (no ticket, no attached_at), and the
-- sweep deletes pending rows (and their files) a day old. Attaching sets
-- ticket_id, comment_id and attached_at in the transaction of the comment
-- or ticket, with its 'attached' event. Whether a file is internal is its
-- comment's visibility: it is read through the join, never copied.
CREATE TABLE attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    storage_key    TEXT NOT NULL UNIQUE CHECK (length(storage_key) BETWEEN 1 AND 200),
    -- A small PNG of an image, stored beside it; NULL for other files.
    thumbnail_key  TEXT UNIQUE CHECK (length(thumbnail_key) BETWEEN 1 AND 200),
    -- The name shown (domain::attachment::display_name), never a path.
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- What the bytes are (FileKind::code), decided by their content.
    kind           TEXT NOT NULL CHECK (kind IN ('png','jpeg','gif','webp','pdf','text','zip','mp4','webm')),
    size           BIGINT NOT NULL CHECK (size > 0),
    width          BIGINT,
    height         BIGINT,
    -- NULL: the system (a mail from a sender without an account).
    uploader_id    BIGINT REFERENCES users(id),
    ticket_id      BIGINT REFERENCES tickets(id),
    comment_id     BIGINT REFERENCES ticket_comments(id),
    created_at     BIGINT NOT NULL,
    attached_at    BIGINT,
    CHECK ((ticket_id IS NULL) = (attached_at IS NULL)),
    CHECK (comment_id IS NULL OR ticket_id IS NOT NULL)
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, id);
CREATE INDEX attachments_pending ON attachments (created_at) WHERE attached_at IS NULL;
CREATE INDEX attachments_uploader_pending ON attachments (uploader_id) WHERE attached_at IS NULL;
