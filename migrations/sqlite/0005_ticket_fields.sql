-- The create form's free-text fields (SPEC §2). Empty rather than NULL:
-- "not given" and "given as nothing" mean the same to everyone reading it.
ALTER TABLE tickets ADD COLUMN steps_to_reproduce TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN product_version TEXT NOT NULL DEFAULT '';
