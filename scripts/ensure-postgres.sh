#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs (initdb, pg_ctl, postgres) are on this machine and
# prints the folder that holds them, e.g. /usr/lib/postgresql/15/bin. The PostgreSQL tests and
# the server benchmark start throwaway servers with them (scripts/with-postgres.sh).
#
# Idempotent: when the programs are there it only prints the folder. Otherwise it installs
# Debian's `postgresql` package with apt (root, or passwordless sudo), without letting the
# package create and start the system-wide "main" cluster: Plaza's scripts never use it.
# Messages go to stderr; stdout is the folder alone, for BIN=$(scripts/ensure-postgres.sh).
set -euo pipefail

say() { echo "ensure-postgres: $*" >&2; }

# The newest version Debian's layout holds, then whatever pg_config or PATH point at.
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] && { echo "$dir"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if find_bindir; then exit 0; fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  say "PostgreSQL's server programs (initdb, pg_ctl) are missing and installing them needs root."
  say "run as root, or first: sudo apt-get install -y postgresql"
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "PostgreSQL is missing and this is not a Debian-like system (no apt-get); install PostgreSQL 13 or later."
  exit 1
fi

say "installing Debian's postgresql with apt (once per machine)…"
# Debian's package would create and start a "main" cluster on port 5432; Plaza's scripts start
# their own throwaway servers, so keep the machine free of a service nobody asked for.
"${as_root[@]}" mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' | "${as_root[@]}" tee /etc/postgresql-common/createcluster.d/plaza-no-main-cluster.conf >/dev/null
# noninteractive: no debconf prompts (CI has no stdin); the lock timeout waits for a concurrent
# apt (e.g. unattended upgrades) instead of failing at once.
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
"${apt[@]}" -qq update >&2
"${apt[@]}" -qq install -y --no-install-recommends postgresql >/dev/null

if ! find_bindir; then
  say "apt installed postgresql, but initdb and pg_ctl are still not to be found."
  exit 1
fi
