#!/usr/bin/env bash
# The run command: on a fresh Debian/Ubuntu machine, brings up the whole system in the foreground —
# PostgreSQL and Redis (installed if missing, data under .data/run), the HubSpot sandbox (unless a real
# HubSpot token is configured), one silo and the api — waits until ready, prints the URLs and an admin
# token. Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

MOCKEXAMS_API_PORT="${MOCKEXAMS_API_PORT:-5080}"
MOCKEXAMS_SILOS="${MOCKEXAMS_SILOS:-1}"
MOCKEXAMS_APIS="${MOCKEXAMS_APIS:-1}"
MOCKEXAMS_SILO_PORT="${MOCKEXAMS_SILO_PORT:-11111}"
MOCKEXAMS_GATEWAY_PORT="${MOCKEXAMS_GATEWAY_PORT:-30000}"
[[ "$MOCKEXAMS_SILOS" =~ ^[1-9][0-9]*$ ]] || { echo "MOCKEXAMS_SILOS must be a positive number" >&2; exit 2; }
[[ "$MOCKEXAMS_APIS" =~ ^[1-9][0-9]*$ ]] || { echo "MOCKEXAMS_APIS must be a positive number" >&2; exit 2; }
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
  urls=""; for ((a=0; a<MOCKEXAMS_APIS; a++)); do urls="$urls${urls:+,}http://127.0.0.1:$((MOCKEXAMS_API_PORT + a))"; done
  echo "MOCKEXAMS_API_URLS='$urls'"
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

log_name() { if [ "$2" = 0 ]; then echo "$1.log"; else echo "$1-$2.log"; fi; }

# Silo i listens on MOCKEXAMS_SILO_PORT+i (silo to silo) and MOCKEXAMS_GATEWAY_PORT+i (clients); api j on
# MOCKEXAMS_API_PORT+j. They find each other through the membership table in Redis.
silo_pids=()
for ((i=0; i<MOCKEXAMS_SILOS; i++)); do
  log "starting silo $i (silo port $((MOCKEXAMS_SILO_PORT + i)), gateway $((MOCKEXAMS_GATEWAY_PORT + i)))"
  logfile="$state/logs/$(log_name silo "$i")"
  # exec, so the pid kept is dotnet's own and stop_services' SIGTERM reaches it.
  (export Orleans__SiloPort=$((MOCKEXAMS_SILO_PORT + i)) Orleans__GatewayPort=$((MOCKEXAMS_GATEWAY_PORT + i))
   exec dotnet "$(out silo MockExams.Silo.dll)" >"$logfile" 2>&1) &
  _started_pids+=("$!")
  silo_pids+=("$!")
done

for ((a=0; a<MOCKEXAMS_APIS; a++)); do
  port=$((MOCKEXAMS_API_PORT + a))
  log "starting api $a on http://127.0.0.1:$port"
  logfile="$state/logs/$(log_name api "$a")"
  dotnet "$(out api MockExams.Api.dll)" --urls "http://127.0.0.1:$port" >"$logfile" 2>&1 &
  _started_pids+=("$!")
done
for ((a=0; a<MOCKEXAMS_APIS; a++)); do
  wait_http "http://127.0.0.1:$((MOCKEXAMS_API_PORT + a))/health/ready" "api $a (or silo)" "$state/logs/"
done

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
    api        http://127.0.0.1:$MOCKEXAMS_API_PORT      (docs: /docs, OpenAPI: /openapi/v1.json)$(if ((MOCKEXAMS_APIS > 1)); then echo " and the next $((MOCKEXAMS_APIS - 1)) ports"; fi)
    silos      $MOCKEXAMS_SILOS (silo ports from $MOCKEXAMS_SILO_PORT, gateways from $MOCKEXAMS_GATEWAY_PORT)
    sandbox    ${HubSpot__BaseUrl:-}   (stats: /__sandbox/stats)
    logs       $state/logs/
    CLI        ./mockexams --help

  Admin token (24 h):
    export TOKEN=$token
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$MOCKEXAMS_API_PORT/api/mock-exams

  Ctrl-C stops everything.
TXT
# With several silos the cluster survives one's death (a failover test may kill one), so only the others count.
watched=()
for pid in "${_started_pids[@]}"; do
  if ((MOCKEXAMS_SILOS == 1)) || [[ " ${silo_pids[*]} " != *" $pid "* ]]; then watched+=("$pid"); fi
done
wait -n "${watched[@]}" || true
log "a process exited; see $state/logs/"
