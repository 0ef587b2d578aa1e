#!/usr/bin/env bash
# The run command: on a fresh Debian/Ubuntu machine, brings up the whole system in the foreground —
# PostgreSQL and Redis (installed if missing, data under .data/run), the HubSpot sandbox (unless a real
# HubSpot token is configured), one silo and the api — waits until ready, prints the URLs and an admin
# token. Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

MOCKEXAMS_API_PORT="${MOCKEXAMS_API_PORT:-5080}"
MOCKEXAMS_SANDBOX_PORT="${MOCKEXAMS_SANDBOX_PORT:-5090}"
MOCKEXAMS_SEED_EXAMS="${MOCKEXAMS_SEED_EXAMS:-300}"
MOCKEXAMS_SEED_BOOKINGS_PER_EXAM="${MOCKEXAMS_SEED_BOOKINGS_PER_EXAM:-12}"
state="$PWD/.data/run"
mkdir -p "$state/logs"

ensure_dotnet
cleanup() { trap - EXIT INT TERM; log "stopping"; stop_services; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres "$state/pg"
start_redis "$state/redis"

# A real HubSpot is used only when its token is configured; otherwise the local sandbox stands in.
use_sandbox=1
if [ -n "${HubSpot__AccessToken:-}" ] && [ "${HubSpot__AccessToken}" != "sandbox-token" ]; then use_sandbox=0; fi
if [ "$use_sandbox" = 1 ]; then
  export HubSpot__BaseUrl="http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT"
  export HubSpot__AccessToken="sandbox-token"
fi

# Local dev secret for HS256 tokens, kept between runs, unless Supabase Auth is configured.
if [ -z "${Auth__JwtSecret:-}" ] && [ -z "${Auth__Authority:-}" ]; then
  [ -f "$state/jwt-secret" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$state/jwt-secret")
  export Auth__JwtSecret="$(cat "$state/jwt-secret")"
fi

# Webhook signing secret shared with the sandbox, so staff edits in the sandbox reach the replica within seconds.
if [ "$use_sandbox" = 1 ] && [ -z "${HubSpot__WebhookSecret:-}" ]; then
  [ -f "$state/webhook-secret" ] || (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n/+=' > "$state/webhook-secret")
  export HubSpot__WebhookSecret="$(cat "$state/webhook-secret")"
fi

# Settings for ./mockexams, so the CLI talks to what this script started.
{
  echo "ConnectionStrings__Replica='$ConnectionStrings__Replica'"
  echo "ConnectionStrings__Redis='$ConnectionStrings__Redis'"
  echo "HubSpot__BaseUrl='${HubSpot__BaseUrl:-}'"
  [ "$use_sandbox" = 1 ] && echo "HubSpot__AccessToken='sandbox-token'"
  [ -n "${Auth__JwtSecret:-}" ] && echo "Auth__JwtSecret='$Auth__JwtSecret'"
  echo "MOCKEXAMS_API_URL='http://127.0.0.1:$MOCKEXAMS_API_PORT'"
  echo "MOCKEXAMS_SANDBOX_URL='http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT'"
} > "$state/env"
chmod 600 "$state/env"

log "building (Release)"
dotnet build MockExams.sln -c Release -nologo -clp:ErrorsOnly -v q
out() { echo "$PWD/$1/bin/Release/net10.0/$2"; }

wait_http() { # URL NAME LOG
  local i
  for i in $(seq 1 240); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  die "$2 did not become ready; see $3"
}

fresh_sandbox=0
if [ "$use_sandbox" = 1 ]; then
  [ -f "$state/sandbox.json" ] || fresh_sandbox=1
  log "starting the HubSpot sandbox on http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT"
  dotnet "$(out sandbox MockExams.Sandbox.dll)" --urls "http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT" \
      --data "$state/sandbox.json" >"$state/logs/sandbox.log" 2>&1 &
  _started_pids+=("$!")
  wait_http "http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT/__sandbox/config" sandbox "$state/logs/sandbox.log"
  if [ "$fresh_sandbox" = 1 ]; then
    log "seeding the sandbox: $MOCKEXAMS_SEED_EXAMS exams x $MOCKEXAMS_SEED_BOOKINGS_PER_EXAM bookings"
    curl -fsS -X POST "http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT/__sandbox/seed" -H 'Content-Type: application/json' \
      -d "{\"exams\": $MOCKEXAMS_SEED_EXAMS, \"bookingsPerExam\": $MOCKEXAMS_SEED_BOOKINGS_PER_EXAM}" >/dev/null
  fi
fi

log "starting the silo"
dotnet "$(out silo MockExams.Silo.dll)" >"$state/logs/silo.log" 2>&1 &
_started_pids+=("$!")

log "starting the api on http://127.0.0.1:$MOCKEXAMS_API_PORT"
dotnet "$(out api MockExams.Api.dll)" --urls "http://127.0.0.1:$MOCKEXAMS_API_PORT" >"$state/logs/api.log" 2>&1 &
_started_pids+=("$!")
wait_http "http://127.0.0.1:$MOCKEXAMS_API_PORT/health/ready" "api (or silo)" "$state/logs/api.log and $state/logs/silo.log"

if [ "$use_sandbox" = 1 ]; then
  log "subscribing the api to the sandbox's webhooks"
  curl -fsS -X PUT "http://127.0.0.1:$MOCKEXAMS_SANDBOX_PORT/__sandbox/webhooks" -H 'Content-Type: application/json' \
    -d "{\"targetUrl\": \"http://127.0.0.1:$MOCKEXAMS_API_PORT/webhooks/hubspot\", \"clientSecret\": \"$HubSpot__WebhookSecret\"}" >/dev/null \
    || log "could not subscribe to webhooks; polling still keeps the replica fresh"
fi

# The silo backfills an empty replica by itself; wait for it so the api answers with data at once.
log "waiting for the replica to be filled from HubSpot (first start only takes a while)"
dotnet "$(out cli mockexams.dll)" sync wait --timeout 900 || log "the replica is still filling; see $state/logs/silo.log"

token="$(dotnet "$(out cli mockexams.dll)" token --permissions exams.view,exams.edit,bookings.manage)"
cat <<TXT

  MockExams is up.
    api        http://127.0.0.1:$MOCKEXAMS_API_PORT      (docs: /docs, OpenAPI: /openapi/v1.json)
    sandbox    ${HubSpot__BaseUrl:-}   (stats: /__sandbox/stats)
    logs       $state/logs/
    CLI        ./mockexams --help

  Admin token (24 h):
    export TOKEN=$token
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$MOCKEXAMS_API_PORT/api/mock-exams

  Ctrl-C stops everything.
TXT
wait -n "${_started_pids[@]}" || true
log "a process exited; see $state/logs/"
