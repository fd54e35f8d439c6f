# shellcheck shell=bash
# Helpers shared by the fxrates host scripts in /usr/local/libexec/fxrates (sourced).
# Messages go to stderr, hence to the journal (journalctl -u fxrates).

host_log() { printf 'fxrates-%s: %s\n' "${HOST_SCRIPT:-host}" "$*" >&2; }
host_die() { host_log "error: $*"; exit 1; }

# host_need VAR...: each variable must be set (normally by /etc/fxrates/fxrates.env).
host_need() {
  local v
  for v in "$@"; do
    [[ -n "${!v:-}" ]] || host_die "$v is not set; the launch template's user data must write it to /etc/fxrates/fxrates.env"
  done
}

# host_retry ATTEMPTS CMD...: runs CMD until it succeeds, waiting 2, 4, 8 ... (at most 60) s between tries.
host_retry() {
  local attempts=$1 n=1 delay=2
  shift
  until "$@"; do
    if ((n >= attempts)); then
      return 1
    fi
    host_log "attempt $n/$attempts failed; retrying in ${delay}s"
    sleep "$delay"
    n=$((n + 1))
    delay=$((delay * 2 > 60 ? 60 : delay * 2))
  done
}
