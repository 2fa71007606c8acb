-- Sprint planning (issue 16). A closed sprint is read-only: its outcome per
-- ticket (done, carried over, back to the backlog) and how each ticket's SLA
-- stood at the close are kept here, so its report and the velocity read the
-- same after the tickets move on.
ALTER TABLE sprints ADD COLUMN closed_at BIGINT;

-- The planned order within a sprint (1 = first); NULL when not planned.
ALTER TABLE tickets ADD COLUMN sprint_rank BIGINT;

CREATE TABLE sprint_outcomes (
    sprint_id       BIGINT NOT NULL REFERENCES sprints(id),
    ticket_id       BIGINT NOT NULL REFERENCES tickets(id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('done', 'carried_over', 'back_to_backlog')),
    estimate_hours  BIGINT,
    sla             TEXT NOT NULL CHECK (sla IN ('met', 'breached', 'open', 'none')),
    PRIMARY KEY (sprint_id, ticket_id)
);
