#!/usr/bin/env bash
# The test command: starts local PostgreSQL and Redis (installing them if missing), builds the
# solution, runs every test, and closes with the plain line "N passed, N failed".
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Sandbox").
set -euo pipefail
cd "$(dirname "$0")"
# Own ports, so the tests can run while ./run.sh is up.
export MOCKEXAMS_PG_PORT="${MOCKEXAMS_PG_PORT:-15433}" MOCKEXAMS_REDIS_PORT="${MOCKEXAMS_REDIS_PORT:-16380}"
source scripts/services.sh

ensure_dotnet
# The dashboard's browser tests drive Debian's Chromium (Playwright never downloads one).
[ -n "${MOCKEXAMS_CHROMIUM:-}" ] || command -v chromium >/dev/null || apt_install chromium
trap stop_services EXIT
trap 'exit 130' INT TERM
start_postgres "$PWD/.data/test/pg"
start_redis "$PWD/.data/test/redis"

results="$PWD/.data/test/results"
export MOCKEXAMS_TEST_RESULTS="$results"   # screenshots of the browser tests land beside the trx
rm -rf "$results"
log "building"
dotnet build MockExams.sln -c Release -nologo -clp:ErrorsOnly
log "running tests"
set +e
dotnet test MockExams.sln -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -gt 0 ]; then
  # Name each failure and the start of its message again here, so a log's tail says what broke.
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); on = 1; n = 0 }
         on && /<Message>/ { msg = 1 }
         on && msg && n < 12 { sub(/^ */, "  "); print; n++ }
         on && /<\/Message>/ { msg = 0 }
         /<\/UnitTestResult>/ { on = 0; msg = 0 }' "$trx"
  done
fi
echo "$passed passed, $failed failed"
exit "$status"
