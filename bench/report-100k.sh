#!/usr/bin/env bash
# The monthly report on 100,000 tickets (issue 15): a release server on
# SQLite with the demo, plus 100,000 closed tickets spread over the last
# year (both clocks decided, a tenth breached, 30,000 rated), then
# `reports/get` as the lead: the whole report (this month, the 12-month
# trend, the charts) timed end to end over HTTP. Not part of CI.
#   bench/report-100k.sh [path/to/slaboard] [site-root]   (defaults: the release build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
bin="${1:-$CARGO_TARGET_DIR/release/slaboard}"
site="${2:-$CARGO_TARGET_DIR/site}"
[ -d "$site" ] || site="$ROOT/target/site"
apt_install sqlite3 curl
n="${TICKETS:-100000}"; runs="${RUNS:-20}"
data="$(mktemp -d)"; log="$data/server.log"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$data"' EXIT

start() {
  : >"$log"
  "$bin" --demo --data-dir "$data" --listen 127.0.0.1:0 --site-root "$site" >"$log" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1 150); do
    url="$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)"; [ -n "$url" ] && break; sleep 0.2
  done
  [ -n "$url" ] || { cat "$log"; exit 1; }
}

start
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

log "inserting $n closed tickets with their outcomes and ratings"
sqlite3 "$data/slaboard.db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE clients AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, organisation_id FROM users WHERE role = 'client';
CREATE TEMP TABLE agents AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id FROM users WHERE role IN ('operator', 'consultant', 'lead');
CREATE TEMP TABLE gen AS
  WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
  SELECT i, CAST(strftime('%s', 'now') AS INTEGER) - (i % 365) * 86400 - (i % 7) * 3600 - 7200 AS received FROM s;
INSERT INTO tickets (number, title, category, priority, status, channel, organisation_id, requester_id,
                     assignee_id, received_at, first_response_at, version, created_at, updated_at)
SELECT 500000 + g.i, 'Нагрузочная заявка №' || g.i, 'incident', 'normal', 'archive', 'web',
       c.organisation_id, c.id, a.id, g.received, g.received + 1800 + (g.i % 11) * 600, 3, g.received, g.received + 90000
FROM gen g
JOIN clients c ON c.k = g.i % (SELECT COUNT(*) FROM clients)
JOIN agents a ON a.k = g.i % (SELECT COUNT(*) FROM agents);
INSERT INTO ticket_releases (ticket_id, released_at)
SELECT id, received_at + 86400 FROM tickets WHERE number > 500000;
INSERT INTO ticket_sla (ticket_id, clock, phase, due_at, computed_at, stopped_at, used_secs, budget_secs, level,
                        decided_at, facts)
SELECT id, 'reaction', CASE WHEN number % 10 = 0 THEN 'breached' ELSE 'met' END, received_at + 3600,
       updated_at, first_response_at, first_response_at - received_at, 3600, 'commercial_standard',
       CASE WHEN number % 10 = 0 THEN received_at + 3600 ELSE first_response_at END, 1
FROM tickets WHERE number > 500000;
INSERT INTO ticket_sla (ticket_id, clock, phase, due_at, computed_at, stopped_at, used_secs, budget_secs, level,
                        decided_at, facts)
SELECT id, 'resolution', CASE WHEN number % 10 = 3 THEN 'breached' ELSE 'met' END, received_at + 80000,
       updated_at, received_at + 86400, 30000 + (number % 10 = 3) * 9000, 32400, 'commercial_standard',
       CASE WHEN number % 10 = 3 THEN received_at + 80000 ELSE received_at + 86400 END, 1
FROM tickets WHERE number > 500000;
INSERT INTO ticket_ratings (ticket_id, release_id, organisation_id, rater_id, agent_id, score, rated_at)
SELECT t.id, r.id, t.organisation_id, t.requester_id, t.assignee_id, 3 + t.number % 3, r.released_at + 3600
FROM tickets t JOIN ticket_releases r ON r.ticket_id = t.id
WHERE t.number > 500000 AND t.number % 10 IN (1, 4, 7);
COMMIT;
ANALYZE;
SQL
log "database: $(du -h "$data/slaboard.db" | cut -f1)"

start
cookie="$(curl -s -o /dev/null -c - -H 'Content-Type: application/json' \
  -d '{"email":"lead@slaboard.example","password":"demo-password-2026"}' "$url/api/auth/login" \
  | awk '/slaboard_session/ {print "slaboard_session=" $7}')"
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
report() {
  curl -s -o "$data/report.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -H "Cookie: $cookie" -d "{\"filter\": $1, \"locale\": \"ru\"}" "$url/api/reports/get"
}
check="$(report '{}')"
[ "${check%% *}" = 200 ] || { echo "reports/get: $check" >&2; cat "$data/report.json" >&2; exit 1; }
python3 - "$data/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["compliance"]
print(f"this month: {c['reaction']['total']} reactions, {c['resolution']['total']} resolutions decided, "
      f"{r['quality']['count']} ratings, {r['breach_count']} breaches")
PY
for filter in '{}' '{"agent": 2}'; do
  times=()
  for _ in $(seq 1 "$runs"); do
    line="$(report "$filter")"; times+=("${line#* }")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v f="$filter" '{ a[NR] = $1 } END {
    printf "RESULT reports/get %s on %d runs: median %.0f ms, p95 %.0f ms, max %.0f ms\n",
      f, NR, a[int((NR + 1) / 2)] * 1000, a[int(NR * 0.95 + 0.5)] * 1000, a[NR] * 1000 }'
done
