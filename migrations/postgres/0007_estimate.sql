-- The estimate of the work in working hours (issue 4). Under a policy that
-- resolves change requests "by estimate" (seed 000 §5) it is their
-- resolution target; NULL until someone estimates the ticket.
ALTER TABLE tickets ADD COLUMN estimate_hours BIGINT CHECK (estimate_hours IS NULL OR estimate_hours BETWEEN 1 AND 10000);
