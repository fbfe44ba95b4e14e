#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: a fresh cluster in a temporary folder,
# listening on a free port on 127.0.0.1 only, with one database `plaza` (UTF8) and a superuser
# `plaza` that needs no password (trust, loopback only).
#
#   scripts/with-postgres.sh [--durable] [--env NAME] [--] command [args…]
#       starts a server, runs the command with NAME (default DATABASE_URL) set to the server's
#       URL, then stops the server and deletes its folder; exits with the command's status.
#   scripts/with-postgres.sh start [--durable]
#       starts a server and prints `export DATABASE_URL=…` and `export PLAZA_PG_DIR=…` lines
#       (eval "$(scripts/with-postgres.sh start)"); it runs until stopped with:
#   scripts/with-postgres.sh stop DIR
#       stops the server in DIR (the PLAZA_PG_DIR printed by start) and deletes DIR.
#
# Without --durable the server skips fsync (fast, and fine for tests: only Plaza gets killed in
# them, never PostgreSQL); with it, PostgreSQL's defaults apply (benchmarks). Missing server
# programs are installed by scripts/ensure-postgres.sh. PostgreSQL refuses to run as root, so as
# root the cluster belongs to the `postgres` user the Debian package creates.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "with-postgres: $*" >&2; }

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# Starts a cluster; sets DIR, PORT and URL.
start_server() {
  local durable="$1"
  BIN="$(bash "$HERE/ensure-postgres.sh")"
  if [[ "$(id -u)" -eq 0 ]]; then
    OWNER=postgres
    id "$OWNER" >/dev/null 2>&1 || { say "running as root needs a 'postgres' user to own the cluster (Debian's package creates it)."; return 1; }
    # The owner must be able to reach the folder, so not under a root-only TMPDIR.
    DIR="$(mktemp -d /tmp/plaza-pg.XXXXXX)"
    chown "$OWNER" "$DIR"
  else
    OWNER="$(id -un)"
    DIR="$(mktemp -d "${TMPDIR:-/tmp}/plaza-pg.XXXXXX")"
  fi
  chmod 700 "$DIR"

  # --no-locale: the C locale, as PGlite has; UTF8 because people search normalises Unicode.
  if ! as_owner "$BIN/initdb" -D "$DIR/data" -U plaza --auth=trust -E UTF8 --no-locale --no-sync --no-instructions >"$DIR/initdb.log" 2>&1; then
    say "initdb failed:"; cat "$DIR/initdb.log" >&2; return 1
  fi
  local settings=(-c listen_addresses=127.0.0.1 -c "unix_socket_directories=$DIR" -c max_connections=200)
  if [[ "$durable" != yes ]]; then
    settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  fi
  # A free port can be taken between asking and binding: try a few.
  for attempt in 1 2 3 4 5; do
    PORT="$(free_port)"
    if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -s -o "-p $PORT ${settings[*]}" start >&2; then
      URL="postgres://plaza@127.0.0.1:$PORT/plaza"
      "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U plaza plaza
      return 0
    fi
    grep -q "could not bind\|Address already in use" "$DIR/server.log" 2>/dev/null || break
    say "port $PORT was taken; trying another (attempt $attempt)."
  done
  say "PostgreSQL did not start. Its log:"; tail -n 30 "$DIR/server.log" >&2 || true
  return 1
}

# Stops the cluster in $1 and deletes the folder; only folders this script made.
stop_server() {
  local dir="$1"
  if [[ ! -f "$dir/data/PG_VERSION" || "$(basename "$dir")" != plaza-pg.* ]]; then
    say "$dir is not a folder made by with-postgres.sh start; leaving it alone."; return 1
  fi
  BIN="${BIN:-$(bash "$HERE/ensure-postgres.sh")}"
  OWNER="$(stat -c %U "$dir")"
  # immediate: nothing in a throwaway cluster needs a clean shutdown.
  as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

durable=no
name=DATABASE_URL
case "${1:-}" in
  start)
    shift
    [[ "${1:-}" == --durable ]] && durable=yes
    start_server "$durable"
    printf 'export DATABASE_URL=%q\nexport PLAZA_PG_DIR=%q\n' "$URL" "$DIR"
    exit 0
    ;;
  stop)
    [[ -n "${2:-}" ]] || { say "usage: with-postgres.sh stop DIR"; exit 2; }
    stop_server "$2"
    exit 0
    ;;
esac
while [[ $# -gt 0 ]]; do
  case "$1" in
    --durable) durable=yes; shift ;;
    --env) name="$2"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ $# -gt 0 ]] || { say "usage: with-postgres.sh [--durable] [--env NAME] [--] command [args…]"; exit 2; }

DIR=""
cleanup() { if [[ -n "$DIR" ]]; then stop_server "$DIR" || true; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_server "$durable"
set +e
env "$name=$URL" "$@"
status=$?
set -e
exit "$status"
