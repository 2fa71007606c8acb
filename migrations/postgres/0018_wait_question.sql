-- A wait for the client starts with the public message that asks them
-- (issue 17): the pause keeps which comment it was, so the board and the
-- ticket page show the client what is asked of them while the wait lasts.
-- Pauses from before the rule have none.
ALTER TABLE ticket_pauses ADD COLUMN comment_id BIGINT REFERENCES ticket_comments(id);
