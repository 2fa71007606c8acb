-- The event log (issue 10): every committed change of a ticket appends one
-- row per event, in the same transaction, numbered by one global sequence.
-- Readers (the ticket page's history, the live board, notifications,
-- reports) resume "after seq N". The number is taken from the 'event'
-- counter row, whose lock is held until commit, so numbers are handed out
-- in commit order and a reader can never see N+1 before N has committed.
-- It replaces ticket_history, whose rows are carried over.
CREATE TABLE ticket_events (
    seq              BIGINT PRIMARY KEY CHECK (seq > 0),
    ticket_id        BIGINT NOT NULL REFERENCES tickets(id),
    -- Denormalised so that an organisation's stream needs no join.
    organisation_id  BIGINT NOT NULL REFERENCES organisations(id),
    kind             TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    -- NULL: the system (e.g. the automatic archive, an SLA milestone).
    actor_id         BIGINT REFERENCES users(id),
    at               BIGINT NOT NULL,
    -- The domain's TicketEvent as JSON, kind included.
    payload          TEXT NOT NULL CHECK (length(payload) BETWEEN 2 AND 100000),
    -- Decided by TicketEvent::visibility; a client reads 'public' only.
    visibility       TEXT NOT NULL CHECK (visibility IN ('public','internal'))
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, seq);

INSERT INTO ticket_events (seq, ticket_id, organisation_id, kind, actor_id, at, payload, visibility)
SELECT ROW_NUMBER() OVER (ORDER BY e.at, e.id, e.sub), e.ticket_id, t.organisation_id, e.kind, e.actor_id,
       e.at, e.payload, e.visibility
FROM (
    SELECT id, 0 AS sub, ticket_id, actor_id, at,
           CASE field
               WHEN 'created' THEN 'created'
               WHEN 'status' THEN 'moved'
               WHEN 'rejection_reason' THEN 'rejected'
               WHEN 'priority' THEN 'edited'
               WHEN 'assignee' THEN 'edited'
               WHEN 'estimate' THEN 'edited'
               WHEN 'sprint' THEN 'planned'
               WHEN 'comment' THEN 'commented'
               WHEN 'internal_note' THEN 'commented'
               WHEN 'first_response_at' THEN 'first_response'
               WHEN 'waiting' THEN CASE WHEN before IS NULL THEN 'waiting_started' ELSE 'waiting_ended' END
           END AS kind,
           CASE field
               WHEN 'created' THEN json_build_object('kind', 'created')::text
               WHEN 'status' THEN json_build_object('kind', 'moved', 'from', before, 'to', after)::text
               WHEN 'rejection_reason' THEN json_build_object('kind', 'rejected', 'reason', after)::text
               WHEN 'priority' THEN json_build_object('kind', 'edited', 'field', 'priority', 'from', before, 'to', after)::text
               WHEN 'assignee' THEN json_build_object('kind', 'edited', 'field', 'assignee', 'from', before, 'to', after)::text
               WHEN 'estimate' THEN json_build_object('kind', 'edited', 'field', 'estimate',
                                          'from', CAST(before AS BIGINT), 'to', CAST(after AS BIGINT))::text
               WHEN 'sprint' THEN json_build_object('kind', 'planned', 'from', before, 'to', after)::text
               WHEN 'comment' THEN json_build_object('kind', 'commented', 'comment_id', CAST(after AS BIGINT),
                                         'internal', false)::text
               WHEN 'internal_note' THEN json_build_object('kind', 'commented', 'comment_id', CAST(after AS BIGINT),
                                               'internal', true)::text
               WHEN 'first_response_at' THEN json_build_object('kind', 'first_response')::text
               WHEN 'waiting' THEN CASE WHEN before IS NULL
                                        THEN json_build_object('kind', 'waiting_started', 'reason', after)::text
                                        ELSE json_build_object('kind', 'waiting_ended', 'reason', before)::text END
           END AS payload,
           CASE WHEN field IN ('internal_note', 'sprint', 'estimate') THEN 'internal' ELSE 'public' END
               AS visibility
    FROM ticket_history
    WHERE field IN ('created', 'status', 'rejection_reason', 'priority', 'assignee', 'estimate', 'sprint',
                    'comment', 'internal_note', 'first_response_at')
       OR (field = 'waiting' AND (before IS NOT NULL OR after IS NOT NULL))
    UNION ALL
    -- A change of the reason of a wait was one line; it is an end and a start.
    SELECT id, 1 AS sub, ticket_id, actor_id, at, 'waiting_started' AS kind,
           json_build_object('kind', 'waiting_started', 'reason', after)::text AS payload, 'public' AS visibility
    FROM ticket_history WHERE field = 'waiting' AND before IS NOT NULL AND after IS NOT NULL
) e
JOIN tickets t ON t.id = e.ticket_id;

INSERT INTO counters (name, value) SELECT 'event', COALESCE(MAX(seq), 0) FROM ticket_events;

DROP TABLE ticket_history;
