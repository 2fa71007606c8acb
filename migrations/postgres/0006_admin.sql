-- The admin area (SPEC §1, issue 5).

-- The agent responsible for an organisation's contract (SPEC §4).
ALTER TABLE contracts ADD COLUMN curator_id BIGINT REFERENCES users(id);

-- SLA policies as admins edit them: the policy JSON of the API, validated
-- by the domain before it is stored. The presets are written at start when
-- missing; a contract whose policy has no row here uses the preset.
CREATE TABLE sla_policies (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 40),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    spec        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Second-line departments a ticket is escalated to (SPEC §6, seed 000 §7).
CREATE TABLE departments (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    channel        TEXT NOT NULL CHECK (channel IN ('email','mattermost')),
    address        TEXT NOT NULL CHECK (length(trim(address)) > 0),
    deadline_days  BIGINT NOT NULL CHECK (deadline_days BETWEEN 1 AND 60)
);

-- Canned replies in every UI language (SPEC §7), with placeholders.
CREATE TABLE reply_templates (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    body_en  TEXT NOT NULL CHECK (length(trim(body_en)) > 0),
    body_ru  TEXT NOT NULL CHECK (length(trim(body_ru)) > 0),
    body_uk  TEXT NOT NULL CHECK (length(trim(body_uk)) > 0)
);
