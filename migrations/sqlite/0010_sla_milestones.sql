-- Stored SLA milestones (issue 10): after every change of a ticket, per
-- clock, where it stands and when it is due and at risk, as the domain
-- computed them (SlaClock::milestones). The server asks these rather than
-- recomputing every ticket: "what breaches in the next hour", and its job
-- that appends sla_at_risk / sla_breached events once per ticket and clock
-- (the *_noted flags, set in the transaction that appends the event; rows
-- are never deleted, so a flag survives a clock that goes and comes back).
CREATE TABLE ticket_sla (
    ticket_id      BIGINT NOT NULL REFERENCES tickets(id),
    clock          TEXT NOT NULL CHECK (clock IN ('reaction', 'resolution')),
    -- 'none': nothing to watch (no target, a closed ticket, unreadable terms).
    phase          TEXT NOT NULL CHECK (phase IN ('running', 'paused', 'met', 'breached', 'none')),
    -- NULL while paused with budget left: the deadline waits for the wait.
    due_at         BIGINT,
    -- Only for a running clock whose policy has an at-risk share.
    at_risk_at     BIGINT,
    at_risk_noted  BIGINT NOT NULL DEFAULT 0 CHECK (at_risk_noted IN (0, 1)),
    breach_noted   BIGINT NOT NULL DEFAULT 0 CHECK (breach_noted IN (0, 1)),
    computed_at    BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, clock),
    CHECK (phase = 'running' OR at_risk_at IS NULL)
);
CREATE INDEX ticket_sla_due ON ticket_sla (due_at);
CREATE INDEX ticket_sla_at_risk ON ticket_sla (at_risk_at);
