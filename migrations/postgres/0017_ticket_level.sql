-- The SLA level of a ticket and calendars ready on a fresh install (issue 15).

-- What an agent recorded that takes a ticket off its contract's level:
-- a confirmed emergency or "needs development" (domain::ticket::LevelMark).
ALTER TABLE tickets ADD COLUMN level_mark TEXT NOT NULL DEFAULT 'contract'
    CHECK (level_mark IN ('contract', 'emergency', 'development'));

-- The desk's own settings, one row: the calendar tickets without a valid
-- contract count on (seed 004 §5.1; AgroSoft's desk works 05:00–14:00).
-- NULL until the shipped calendars are written at start, which sets it.
CREATE TABLE desk_settings (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    calendar_id  BIGINT REFERENCES calendars(id)
);
INSERT INTO desk_settings (id, calendar_id) VALUES (1, NULL);

-- 0 until the seeds' calendars have been written once (at the next start):
-- an admin who renames or replaces one later does not get it back.
INSERT INTO counters (name, value) VALUES ('shipped_calendars', 0);
