#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Debian's Chromium for the browser tests),
# then runs `dotnet test` and prints the closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${BULKIMPORT_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Installing Chromium for the browser tests (apt-get)..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null \
    || { echo "Could not install chromium with apt-get; install it (or set BULKIMPORT_CHROMIUM) and run again."; exit 1; }
fi

mkdir -p .tmp
export TMPDIR="$PWD/.tmp"

# The PostgreSQL variants of the tests (trait Engine=PostgreSql) run against a throwaway cluster: started here in a
# temporary folder on a free port, with fsync off (nothing in it outlives the run), and stopped on exit whatever
# happens. A server of your own can be given instead with BULKIMPORT_POSTGRES (each test makes its own database).
PGBIN="${BULKIMPORT_PGBIN:-/usr/lib/postgresql/15/bin}"
NO_POSTGRES=""
if [ -z "${BULKIMPORT_POSTGRES:-}" ]; then
  if [ ! -x "$PGBIN/initdb" ]; then
    echo "Installing PostgreSQL for the PostgreSQL variants of the tests (apt-get)..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null \
      || NO_POSTGRES="PostgreSQL could not be installed with apt-get (install it, or set BULKIMPORT_POSTGRES to a server's connection string)"
  fi
fi
if [ -z "${BULKIMPORT_POSTGRES:-}" ] && [ -z "$NO_POSTGRES" ]; then
  PGDIR=$(mktemp -d "$TMPDIR/pg.XXXXXX")
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  AS=""
  # initdb refuses to run as root: the cluster belongs to the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDIR"; AS="su postgres -c"; else AS="bash -c"; fi
  if ! $AS "$PGBIN/initdb -D $PGDIR/data -A trust -U bulkimport -E UTF8" >"$PGDIR/initdb.log" 2>&1; then
    NO_POSTGRES="initdb failed: $(tail -3 "$PGDIR/initdb.log" | tr '\n' ' ')"
  elif ! $AS "$PGBIN/pg_ctl -D $PGDIR/data -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l $PGDIR/log -w start" >/dev/null; then
    NO_POSTGRES="PostgreSQL did not start: $(tail -3 "$PGDIR/log" | tr '\n' ' ')"
  else
    PG_STARTED=1
    export BULKIMPORT_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=bulkimport;Database=postgres"
    echo "PostgreSQL for the tests: $BULKIMPORT_POSTGRES"
  fi
fi

# The multi-instance tests (trait Needs=Redis) start Redis servers of their own on free ports (they stop and restart them
# mid-commit) or use the one started here for the run (BULKIMPORT_REDIS, on a free port, nothing saved, stopped on exit)
# with a channel prefix each. Debian's redis-server is installed when missing.
# The multi-instance test of clocks that differ runs one instance a minute ahead with Debian's libfaketime
# (LD_PRELOAD), installed when missing.
FAKETIME_LIB="${BULKIMPORT_FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}"
if [ ! -f "$FAKETIME_LIB" ]; then
  echo "Installing libfaketime for the clock-skew test (apt-get)..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libfaketime >/dev/null \
    || echo "libfaketime could not be installed with apt-get; the clock-skew test will say so."
fi
export BULKIMPORT_FAKETIME_LIB="$FAKETIME_LIB"
NO_REDIS=""
if ! command -v "${BULKIMPORT_REDIS_SERVER:-redis-server}" >/dev/null 2>&1; then
  echo "Installing Redis for the multi-instance tests (apt-get)..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null \
    || NO_REDIS="Redis could not be installed with apt-get (install redis-server, or set BULKIMPORT_REDIS_SERVER to its path)"
fi
if [ -z "$NO_REDIS" ] && [ -z "${BULKIMPORT_REDIS:-}" ]; then
  REDISDIR=$(mktemp -d "$TMPDIR/redis.XXXXXX")
  REDISPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 56379)
  if "${BULKIMPORT_REDIS_SERVER:-redis-server}" --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$REDISDIR/redis.pid" --logfile "$REDISDIR/redis.log" >/dev/null 2>&1; then
    export BULKIMPORT_REDIS="127.0.0.1:$REDISPORT"
    echo "Redis for the tests: $BULKIMPORT_REDIS"
  fi
fi
stop_services() {
  if [ -n "${REDISDIR:-}" ] && [ -f "$REDISDIR/redis.pid" ]; then kill "$(cat "$REDISDIR/redis.pid")" 2>/dev/null; fi
  if [ -n "${REDISDIR:-}" ]; then rm -rf "$REDISDIR"; fi
  if [ -n "${PG_STARTED:-}" ]; then $AS "$PGBIN/pg_ctl -D $PGDIR/data -m fast stop" >/dev/null 2>&1; rm -rf "$PGDIR"; fi
}
trap stop_services EXIT

# Without a PostgreSQL server everything else still runs; the PostgreSQL variants are left out by name, and the run says
# so at its start and on its closing line (a run that never touched PostgreSQL must not look like a full one).
FILTER=()
LEFT_OUT=()
if [ -n "$NO_POSTGRES" ]; then
  echo "WARNING: $NO_POSTGRES. Running every test except the PostgreSQL variants (trait Engine=PostgreSql)."
  LEFT_OUT+=("Engine!=PostgreSql")
fi
if [ -n "$NO_REDIS" ]; then
  echo "WARNING: $NO_REDIS. Running every test except the multi-instance tests (trait Needs=Redis)."
  LEFT_OUT+=("Needs!=Redis")
fi
if [ ${#LEFT_OUT[@]} -gt 0 ]; then
  case " $* " in
    *" --filter "*) echo "WARNING: a --filter was given; add &$(IFS='&'; echo "${LEFT_OUT[*]}") to it yourself." ;;
    *) FILTER=(--filter "$(IFS='&'; echo "${LEFT_OUT[*]}")") ;;
  esac
fi

dotnet test BulkImport.sln "${FILTER[@]}" "$@" 2>&1 | tee test.log
rc=${PIPESTATUS[0]}
awk '/ - Failed: +[0-9]+, Passed: +[0-9]+/ { gsub(",",""); for(i=1;i<=NF;i++){ if($i=="Failed:")f+=$(i+1); if($i=="Passed:")p+=$(i+1); if($i=="Skipped:")s+=$(i+1)} } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' test.log
if [ -n "$NO_POSTGRES" ]; then echo "PostgreSQL variants NOT run: $NO_POSTGRES"; fi
if [ -n "$NO_REDIS" ]; then echo "Multi-instance tests NOT run: $NO_REDIS"; fi
exit $rc
