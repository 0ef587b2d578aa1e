#!/usr/bin/env bash
# Local PostgreSQL and Redis for ./run.sh and ./test.sh: installed from the OS packages when
# missing, started on loopback with data under a project-local folder, stopped on exit.
# Sourced, not executed. Respects MOCKEXAMS_PG_PORT, MOCKEXAMS_REDIS_PORT and, when the caller
# already points ConnectionStrings__Replica / ConnectionStrings__Redis at running servers,
# starts nothing of its own.

MOCKEXAMS_PG_PORT="${MOCKEXAMS_PG_PORT:-15432}"
MOCKEXAMS_REDIS_PORT="${MOCKEXAMS_REDIS_PORT:-16379}"
_started_pids=()
_pg_data=""

log() { printf '\033[1;34m[mockexams]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[mockexams]\033[0m %s\n' "$*" >&2; exit 1; }

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* yourself, or set the connection strings to existing servers (see README)."
  [ "$(id -u)" = 0 ] || die "installing $* needs root: run as root, or install it yourself."
  if [ -z "${_apt_updated:-}" ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    _apt_updated=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

pg_bin() {
  local bin
  # "return 0", not "return": inside an EXIT trap a bare return would yield the status the script exited with.
  for bin in /usr/lib/postgresql/*/bin; do [ -x "$bin/initdb" ] && { echo "$bin"; return 0; }; done
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

# True when nothing listens on 127.0.0.1:PORT, so a server we start there is the one we talk to.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is required: https://dot.net"
}

# start_postgres DATA_DIR: a private cluster owned by the postgres OS user (the server refuses root).
start_postgres() {
  local data="$1"
  if [ -n "${ConnectionStrings__Replica:-}" ]; then log "using the configured PostgreSQL"; return; fi
  [ -n "$(pg_bin)" ] || apt_install postgresql
  command -v psql >/dev/null || apt_install postgresql-client
  local bin; bin="$(pg_bin)"
  local runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runas=(runuser -u postgres --)
  fi
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$data")"; then
    # A checkout under a private directory (mktemp -d is 0700): the postgres user cannot reach it, so the
    # cluster lives under /var/tmp instead, one per checkout path.
    data="/var/tmp/mockexams-pg$(printf '%s' "$data" | tr '/' '_')"
    log "PostgreSQL's data in $data (the postgres user cannot reach the checkout)"
    mkdir -p "$data"
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres: "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    "${runas[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
  fi
  local sock="$data"
  port_free "$MOCKEXAMS_PG_PORT" || die "port $MOCKEXAMS_PG_PORT is taken (another PostgreSQL?): stop it, or set MOCKEXAMS_PG_PORT"
  log "starting PostgreSQL on 127.0.0.1:$MOCKEXAMS_PG_PORT"
  "${runas[@]}" "$bin/postgres" -D "$data" -p "$MOCKEXAMS_PG_PORT" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$sock" -c max_connections=300 -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off -c shared_buffers=256MB >"$data/server.log" 2>&1 &
  _started_pids+=("$!")
  _pg_data="$data"
  local i
  for i in $(seq 1 60); do
    psql -h 127.0.0.1 -p "$MOCKEXAMS_PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  psql -h 127.0.0.1 -p "$MOCKEXAMS_PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 \
    || die "PostgreSQL did not start; see $data/server.log"
  psql -h 127.0.0.1 -p "$MOCKEXAMS_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = 'mockexams') then
    create role mockexams login superuser password 'mockexams';
  end if;
end \$\$;
SQL
  psql -h 127.0.0.1 -p "$MOCKEXAMS_PG_PORT" -U postgres -d postgres -Atc "select 1 from pg_database where datname='mockexams'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$MOCKEXAMS_PG_PORT" -U postgres -d postgres -qc "create database mockexams owner mockexams" >/dev/null
  export ConnectionStrings__Replica="Host=127.0.0.1;Port=$MOCKEXAMS_PG_PORT;Username=mockexams;Password=mockexams;Database=mockexams;GSS Encryption Mode=Disable"
}

start_redis() {
  local data="$1"
  if [ -n "${ConnectionStrings__Redis:-}" ]; then log "using the configured Redis"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$data"
  port_free "$MOCKEXAMS_REDIS_PORT" || die "port $MOCKEXAMS_REDIS_PORT is taken (another Redis?): stop it, or set MOCKEXAMS_REDIS_PORT"
  log "starting Redis on 127.0.0.1:$MOCKEXAMS_REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$MOCKEXAMS_REDIS_PORT" --dir "$data" --save "" --appendonly no \
      --protected-mode yes --daemonize no >"$data/server.log" 2>&1 &
  _started_pids+=("$!")
  local i
  for i in $(seq 1 40); do
    redis-cli -p "$MOCKEXAMS_REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.25
  done
  redis-cli -p "$MOCKEXAMS_REDIS_PORT" ping >/dev/null 2>&1 || die "Redis did not start; see $data/server.log"
  export ConnectionStrings__Redis="127.0.0.1:$MOCKEXAMS_REDIS_PORT"
}

# Stops, in reverse order, everything this script started.
stop_services() {
  local i pid
  if [ -n "$_pg_data" ]; then
    local bin; bin="$(pg_bin)"
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$_pg_data" -m fast -w stop >/dev/null 2>&1 || true
    else "$bin/pg_ctl" -D "$_pg_data" -m fast -w stop >/dev/null 2>&1 || true; fi
    _pg_data=""
  fi
  for ((i=${#_started_pids[@]}-1; i>=0; i--)); do
    pid="${_started_pids[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${_started_pids[@]}"; do
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  _started_pids=()
}
