#!/usr/bin/env bash
# Mutation testing of the domain code the use cases call (issue 10): every
# mutant cargo-mutants makes of these files must make a domain unit test
# fail. Not part of CI (about 10 s a mutant on 2 cores); run it after
# changing these rules. Results in mutants.out/ (missed.txt lists what no
# test noticed). Extra arguments go to cargo mutants (e.g. -j 2).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants
files=(
  domain/src/sla/pause.rs
  domain/src/ticket/effects.rs
  domain/src/ticket/edit.rs
  domain/src/event.rs
  domain/src/ticket/lifecycle.rs
)
args=()
for f in "${files[@]}"; do args+=(-f "$f"); done
exec cargo mutants -p slaboard-domain "${args[@]}" --timeout 120 "$@"
