# shellcheck shell=bash
# Installs what the test suite needs and a fresh machine lacks: Debian packages (a browser and
# its driver for the UI tests; linters and validators for the infrastructure and delivery
# checks) and the pinned npm packages of tests/delivery. Sourced by scripts/test.

# command:package pairs; a missing command means its package is installed.
FXRATES_TEST_TOOLS=(
  chromium:chromium
  chromedriver:chromium-driver
  shellcheck:shellcheck
  yamllint:yamllint
  docker-compose:docker-compose
  systemd-analyze:systemd
  jq:jq
  node:nodejs
  npm:npm
  wrk:wrk
)

# fxrates_apt_install PACKAGE...: installs Debian packages (as root, with apt-get), quietly.
fxrates_apt_install() {
  echo "test: installing $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

fxrates_install_test_tools() {
  local missing=() pair
  for pair in "${FXRATES_TEST_TOOLS[@]}"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      fxrates_apt_install "${missing[@]}"
    else
      echo "test: missing tools; install these packages first: ${missing[*]}" >&2
      echo "test: (for example: sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
  # The Python tools (pytest, cfn-lint, moto) may live in a pyenv interpreter that a
  # non-interactive shell's PATH lacks: find it, and put its scripts first on PATH.
  local python candidate
  python=""
  for candidate in python3 "${PYENV_ROOT:-$HOME/.pyenv}"/shims/python3 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/python3; do
    if "$candidate" -c 'import pytest, yaml, boto3, cfnlint, moto' 2>/dev/null; then
      python=$(command -v "$candidate")
      break
    fi
  done
  if [[ -z $python ]]; then
    echo "test: no python3 with pytest, PyYAML, boto3, cfn-lint and moto (pip install pytest pyyaml boto3 cfn-lint 'moto[server]')" >&2
    exit 1
  fi
  PATH="$(dirname "$python"):$PATH"
  export PATH FXRATES_PYTHON=$python
  if [[ ! -d tests/delivery/node_modules/@cdktf/hcl2json ]] \
    || [[ ! -d tests/delivery/node_modules/@apidevtools/swagger-parser ]] \
    || [[ tests/delivery/package-lock.json -nt tests/delivery/node_modules/.package-lock.json ]]; then
    echo "test: installing the pinned npm packages of tests/delivery" >&2
    npm ci --prefix tests/delivery --no-audit --no-fund --loglevel=error >/dev/null
  fi
}
