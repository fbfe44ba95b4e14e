# Sourced by the ensure-*.sh scripts: `apt_install <tag> <package>…` installs Debian packages
# with apt as root (or with passwordless sudo), quietly, or says how to install them by hand.
# Our machines reach Debian's package mirrors but not browser vendors' downloads.

apt_install() {
  local tag=$1
  shift
  local as_root
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "$tag: installing $* needs root." >&2
    echo "$tag: run as root, or first: sudo apt-get install -y $*" >&2
    exit 1
  fi
  echo "$tag: installing Debian's $* with apt (once per machine)…"
  # noninteractive: no debconf prompts (CI has no stdin); the lock timeout waits for a
  # concurrent apt (e.g. unattended upgrades) instead of failing at once.
  local apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
  "${apt[@]}" -qq update
  "${apt[@]}" -qq install -y "$@" >/dev/null
}
