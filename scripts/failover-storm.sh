#!/usr/bin/env bash
# A booking storm against what ./run.sh started, with one silo killed (SIGKILL) a moment into the rush:
# the failover measurement of docs/BENCHMARKS.md. Usage (with ./run.sh up, MOCKEXAMS_SILOS >= 2):
#   scripts/failover-storm.sh SILO_PORT [DELAY_SECONDS] -- [storm options]
# SILO_PORT is the Orleans__SiloPort of the silo to kill; DELAY_SECONDS (default 0.4) counts from the storm's
# first booking request. The storm's exit code is this script's.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:?the silo port of the silo to kill}"; shift
delay=0.4
if [ "${1:-}" != "--" ] && [ -n "${1:-}" ]; then delay="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
set -a; source .data/run/env; set +a

pid="$(ss -Hltnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
[ -n "$pid" ] || { echo "no process listens on port $port" >&2; exit 2; }
out="$(mktemp)"
dotnet cli/bin/Release/net10.0/mockexams.dll storm "$@" >"$out" 2>&1 &
storm=$!
# The storm prints "firing N booking requests" just before its first request.
until grep -q "firing" "$out" 2>/dev/null; do
  kill -0 "$storm" 2>/dev/null || break
  sleep 0.02
done
sleep "$delay"
kill -KILL "$pid" && echo "killed silo pid $pid (port $port) $delay s into the rush" >&2
status=0
wait "$storm" || status=$?
cat "$out"; rm -f "$out"
exit "$status"
