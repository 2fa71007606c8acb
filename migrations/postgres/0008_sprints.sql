-- Sprints (SPEC §5): a goal, the days they run and the hours the team has.
-- Days are ISO dates ('2026-12-07'), compared as text; a ticket planned into
-- a sprint names it.
CREATE TABLE sprints (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    goal            TEXT NOT NULL DEFAULT '',
    starts_on       TEXT NOT NULL CHECK (length(starts_on) = 10),
    ends_on         TEXT NOT NULL CHECK (length(ends_on) = 10 AND ends_on >= starts_on),
    capacity_hours  BIGINT NOT NULL CHECK (capacity_hours BETWEEN 0 AND 100000),
    created_at      BIGINT NOT NULL
);

ALTER TABLE tickets ADD COLUMN sprint_id BIGINT REFERENCES sprints(id);
CREATE INDEX tickets_sprint ON tickets (sprint_id);
