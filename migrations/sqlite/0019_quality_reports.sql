-- Ratings, the monthly quality score and the leads' reports (issue 15).

-- A client's rating of an accepted release (seed 000 §6): one per release
-- cycle (a reopen closes the cycle, the next release opens another), never
-- by an agent. The agent is the ticket's assignee when it was rated: the
-- per-agent score counts the person who did the work.
CREATE TABLE ticket_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id        BIGINT NOT NULL REFERENCES tickets(id),
    release_id       BIGINT NOT NULL UNIQUE REFERENCES ticket_releases(id),
    organisation_id  BIGINT NOT NULL REFERENCES organisations(id),
    rater_id         BIGINT NOT NULL REFERENCES users(id),
    agent_id         BIGINT REFERENCES users(id),
    score            BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment          TEXT CHECK (length(comment) BETWEEN 1 AND 2000),
    rated_at         BIGINT NOT NULL
);
CREATE INDEX ticket_ratings_at ON ticket_ratings (rated_at);
CREATE INDEX ticket_ratings_ticket ON ticket_ratings (ticket_id);

-- The quality bands in hundredths of a point (seed 000 §6: good from 4.70,
-- normal from 4.00): integers compare the same on both databases.
ALTER TABLE desk_settings ADD COLUMN quality_good BIGINT NOT NULL DEFAULT 470
    CHECK (quality_good BETWEEN 100 AND 500);
ALTER TABLE desk_settings ADD COLUMN quality_normal BIGINT NOT NULL DEFAULT 400
    CHECK (quality_normal BETWEEN 100 AND 500);

-- Whether the organisation's clients may read its own report (the admin
-- decides; off by default).
ALTER TABLE organisations ADD COLUMN reports_visible BIGINT NOT NULL DEFAULT 0
    CHECK (reports_visible IN (0, 1));

-- What reports read of each clock, kept after the ticket closes (closed
-- tickets keep their last stopped clocks; see service::sla::refresh):
-- when it stopped, the working seconds it used and its budget, the level
-- it ran at, and when its outcome was decided (Milestone::decided_at: met
-- when it stopped, breached at its deadline), which reports count by.
-- 'facts' is 0 for rows written before this release: the start-up
-- backfill recomputes those tickets once, closed ones included.
ALTER TABLE ticket_sla ADD COLUMN stopped_at BIGINT;
ALTER TABLE ticket_sla ADD COLUMN used_secs BIGINT;
ALTER TABLE ticket_sla ADD COLUMN budget_secs BIGINT;
ALTER TABLE ticket_sla ADD COLUMN level TEXT CHECK (length(level) BETWEEN 1 AND 40);
ALTER TABLE ticket_sla ADD COLUMN decided_at BIGINT;
ALTER TABLE ticket_sla ADD COLUMN facts BIGINT NOT NULL DEFAULT 0 CHECK (facts IN (0, 1));
CREATE INDEX ticket_sla_decided ON ticket_sla (decided_at);
CREATE INDEX ticket_sla_unfacted ON ticket_sla (ticket_id) WHERE facts = 0;

-- Reopens per month.
CREATE INDEX ticket_releases_reopened ON ticket_releases (reopened_at);
