# shellcheck shell=bash
# Shared helpers for the operators' scripts in scripts/ (build-image, push-image, bake-ami,
# deploy, refresh-instances, rollback, compose). Sourced, never run.
#
# Conventions every script follows:
#   - fail early: tools, region, credentials and arguments are checked before anything changes;
#   - every error says what to do next;
#   - with --dry-run (OPS_DRY_RUN=1) read-only AWS calls still run, changing calls are printed
#     as "[dry-run] aws ..." on stdout and not run;
#   - changing calls are echoed as "+ aws ..." on stderr before they run.

OPS_SCRIPT=${OPS_SCRIPT:-$(basename "$0")}
OPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OPS_DRY_RUN=${OPS_DRY_RUN:-0}
OPS_ENVIRONMENTS="dev stg prd"

ops_log() {
  printf '%s: %s\n' "$OPS_SCRIPT" "$*" >&2
}

ops_die() {
  printf '%s: error: %s\n' "$OPS_SCRIPT" "$*" >&2
  exit 1
}

# Wrong usage: exit 2 and point at --help.
ops_usage_error() {
  printf '%s: %s\nRun scripts/%s --help for usage.\n' "$OPS_SCRIPT" "$*" "$OPS_SCRIPT" >&2
  exit 2
}

# ops_require_tool TOOL HOW-TO-INSTALL
ops_require_tool() {
  command -v "$1" >/dev/null 2>&1 || ops_die "'$1' is not on PATH; $2"
}

# ops_validate_env ENV: one of dev, stg, prd.
ops_validate_env() {
  local env=${1:-}
  [[ -n "$env" ]] || ops_usage_error "missing the environment (one of: $OPS_ENVIRONMENTS)"
  case " $OPS_ENVIRONMENTS " in
    *" $env "*) ;;
    *) ops_usage_error "unknown environment '$env' (one of: $OPS_ENVIRONMENTS)" ;;
  esac
}

# ops_require_int NAME VALUE [MIN] [MAX]
ops_require_int() {
  local name=$1 value=$2 min=${3:-0} max=${4:-}
  [[ "$value" =~ ^[0-9]+$ ]] || ops_usage_error "$name must be a whole number, got '$value'"
  (( value >= min )) || ops_usage_error "$name must be at least $min, got $value"
  if [[ -n "$max" ]] && (( value > max )); then
    ops_usage_error "$name must be at most $max, got $value"
  fi
}

# Exports AWS_REGION and AWS_DEFAULT_REGION from the environment or the CLI profile.
ops_require_region() {
  local region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
  if [[ -z "$region" ]]; then
    region=$(aws configure get region 2>/dev/null || true)
  fi
  [[ -n "$region" ]] || ops_die "no AWS region: export AWS_REGION=eu-central-1 (or set 'region' in your AWS profile)"
  export AWS_REGION=$region AWS_DEFAULT_REGION=$region
}

# Checks that the AWS CLI has working credentials; sets OPS_ACCOUNT_ID.
ops_require_aws_credentials() {
  local out
  if ! out=$(aws sts get-caller-identity --query Account --output text 2>&1); then
    ops_die "no working AWS credentials (aws sts get-caller-identity failed: ${out//$'\n'/ }). Log in first, e.g. 'aws sso login --profile fxrates-<env>' and 'export AWS_PROFILE=fxrates-<env>'"
  fi
  OPS_ACCOUNT_ID=$out
  export OPS_ACCOUNT_ID
}

# The usual preamble for a script that talks to AWS.
ops_require_aws() {
  ops_require_tool aws "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
  ops_require_region
  ops_require_aws_credentials
}

# Prints a command the way a shell would read it back.
ops_quote() {
  local out="" arg
  for arg in "$@"; do
    out+="$(printf '%q' "$arg") "
  done
  printf '%s' "${out% }"
}

# ops_run CMD...: runs a command that changes something, or only prints it with --dry-run.
ops_run() {
  if [[ "$OPS_DRY_RUN" == 1 ]]; then
    printf '[dry-run] %s\n' "$(ops_quote "$@")"
    return 0
  fi
  printf '+ %s\n' "$(ops_quote "$@")" >&2
  "$@"
}

# ops_run_quiet CMD...: ops_run, without the command's own output on stdout (e.g. the JSON that
# 'aws ssm put-parameter' answers); with --dry-run the command is still printed.
ops_run_quiet() {
  if [[ "$OPS_DRY_RUN" == 1 ]]; then
    ops_run "$@"
  else
    ops_run "$@" >/dev/null
  fi
}

# ops_stack_name ENV COMPONENT -> fxrates-ENV-COMPONENT
ops_stack_name() {
  printf 'fxrates-%s-%s' "$1" "$2"
}

# ops_stack_output STACK KEY: prints the output's value, or nothing when the stack or key is missing.
ops_stack_output() {
  local value
  value=$(aws cloudformation describe-stacks --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue | [0]" --output text 2>/dev/null) || return 0
  [[ "$value" == "None" ]] && value=""
  printf '%s' "$value"
}

# ops_ssm_get NAME: prints the parameter's value, or nothing when it does not exist.
ops_ssm_get() {
  local value
  value=$(aws ssm get-parameter --name "$1" --query Parameter.Value --output text 2>/dev/null) || return 0
  [[ "$value" == "None" ]] && value=""
  printf '%s' "$value"
}

# The image tag for the checked-out commit: the 12-character commit id, with "-dirty" when the
# work tree has uncommitted changes (push-image refuses those unless told otherwise).
ops_git_tag() {
  local sha
  sha=$(git -C "$OPS_ROOT" rev-parse --short=12 HEAD 2>/dev/null) \
    || ops_die "cannot read the git commit in $OPS_ROOT; run from a clone with at least one commit or pass --tag"
  if [[ -n "$(git -C "$OPS_ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
    sha+="-dirty"
  fi
  printf '%s' "$sha"
}

# Poll interval for the waiting loops (seconds); tests set it to 0.
ops_poll_seconds() {
  printf '%s' "${FXRATES_POLL_SECONDS:-30}"
}

# AMI parameters in SSM that the app stack reads (and the one bake-ami keeps for rollback).
ops_ami_parameter() { printf '/fxrates/%s/ami-id' "$1"; }
ops_previous_ami_parameter() { printf '/fxrates/%s/ami-id-previous' "$1"; }

# ops_wait_with_progress STACK CMD...: runs CMD (an 'aws cloudformation wait ...', silent for as
# long as a stack takes, which can be many minutes) and, while it waits, prints the stack's newest
# event every FXRATES_PROGRESS_SECONDS (default 30), so that a long update does not look hung.
# Returns CMD's exit status. With --dry-run it only prints CMD.
ops_wait_with_progress() {
  local stack=$1 interval=${FXRATES_PROGRESS_SECONDS:-30} waited=0 pid i event
  shift
  if [[ "$OPS_DRY_RUN" == 1 ]]; then
    ops_run "$@"
    return 0
  fi
  printf '+ %s\n' "$(ops_quote "$@")" >&2
  "$@" &
  pid=$!
  while :; do
    for ((i = 0; i < interval * 5; i++)); do
      kill -0 "$pid" 2>/dev/null || break 2
      sleep 0.2
    done
    waited=$((waited + interval))
    event=$(aws cloudformation describe-stack-events --stack-name "$stack" --max-items 1 \
      --query 'StackEvents[0].[LogicalResourceId,ResourceStatus,ResourceStatusReason]' --output text 2>/dev/null \
      | head -n 1 | tr '\t' ' ' || true)
    ops_log "$stack: waiting for ${waited}s; newest event: ${event:-none yet}"
  done
  wait "$pid"
}

# Releases: what a launch template version runs, as "AMI IMAGE_TAG". The image tag is read from
# the version's user data (FXRATES_IMAGE=<repository>:<tag>, written by the app stack), so it is
# what instances of that version really pull, whatever the stack's parameters say since.
ops_release_of() { # ops_release_of LAUNCH_TEMPLATE_ID VERSION
  local out
  out=$(aws ec2 describe-launch-template-versions --launch-template-id "$1" --versions "$2" \
    --query 'LaunchTemplateVersions[0].LaunchTemplateData.[ImageId,UserData]' --output text) || return 1
  python3 -c 'import base64, re, sys
ami, _, data = sys.argv[1].partition("\t")
text = base64.b64decode(data).decode() if data and data != "None" else ""
m = re.search(r"^FXRATES_IMAGE=\S+:([A-Za-z0-9_][A-Za-z0-9_.-]*)$", text, re.M)
print(ami, m.group(1) if m else "unknown")' "$out"
}

# The release records in SSM: /fxrates/<env>/release (what the group runs since the last
# successful refresh) and /fxrates/<env>/release-previous (what it ran before), as JSON
# {"ami": ..., "image_tag": ...}; /fxrates/<env>/rollback records a rollback in progress or done.
ops_release_parameter() { printf '/fxrates/%s/%s' "$1" "$2"; }

ops_release_json() { # ops_release_json AMI TAG
  printf '{"ami":"%s","image_tag":"%s"}' "$1" "$2"
}

# ops_release_get NAME: "AMI TAG" from the JSON in the SSM parameter NAME, or nothing.
ops_release_get() {
  local value
  value=$(ops_ssm_get "$1")
  [[ -n "$value" ]] || return 0
  python3 -c 'import json, sys
r = json.loads(sys.argv[1])
print(r["ami"], r["image_tag"])' "$value" 2>/dev/null || true
}
