-- Sessions of an account end when it is disabled, and stay ended when it is
-- enabled again (issue 11): a session keeps the generation it was opened
-- in (inside axum-login's session_auth_hash, with the password hash), and
-- disabling or enabling an account moves its generation on.
ALTER TABLE users ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
