# shellcheck shell=bash
# The database bootstrap after each deploy of the updater stack (sourced by scripts/deploy, after
# lib/ops.sh). The stack's DatabaseBootstrapFunction logs in with the RDS-managed master secret and
# creates or updates the roles the updater (fxrates_writer) and the web instances (fxrates_reader)
# connect as with IAM authentication. It is idempotent, so deploy runs it every time; it answers a JSON
# report and throws on failure, which the invocation reports as FunctionError.
#
# Why a one-off invoked by deploy rather than a CloudFormation custom resource: its output and its
# failure appear in the deploy itself, it can be rerun on its own (scripts/deploy <env> --only
# updater), and a stack can never hang for an hour waiting for a cfn-response that a crashed or
# VPC-bound function did not send (docs/infrastructure.md).

# db_bootstrap_invoke ENV
db_bootstrap_invoke() {
  local env=$1 stack fn meta status="" function_error="" report_file report
  stack=$(ops_stack_name "$env" updater)
  fn=$(ops_stack_output "$stack" DatabaseBootstrapFunctionName)
  if [[ "$OPS_DRY_RUN" == 1 ]]; then
    fn=${fn:-"<DatabaseBootstrapFunctionName of $stack>"}
  fi
  [[ -n "$fn" ]] || ops_die "$stack has no output DatabaseBootstrapFunctionName, so the database roles were not bootstrapped; look at the stack"
  # Synchronous; the read timeout outlasts the function's (120 s), so the CLI does not retry a slow run.
  local invoke=(aws lambda invoke --cli-binary-format raw-in-base64-out --function-name "$fn"
    --cli-read-timeout 150 --payload '{}' --query '[StatusCode, FunctionError]' --output text)
  if [[ "$OPS_DRY_RUN" == 1 ]]; then
    ops_run "${invoke[@]}" "<report-file>"
    return 0
  fi
  ops_log "$stack: bootstrapping the database roles ($fn)"
  report_file=$(mktemp "${TMPDIR:-/tmp}/fxrates-db-bootstrap.XXXXXX")
  meta=$(ops_run "${invoke[@]}" "$report_file") || {
    rm -f "$report_file"
    ops_die "the invocation of $fn failed (see the message above); the database roles may be missing. Rerun: scripts/deploy $env --only updater"
  }
  read -r status function_error <<<"$meta" || true
  report=$(cat "$report_file")
  rm -f "$report_file"
  printf '%s\n' "$report" >&2
  if [[ -n "$function_error" && "$function_error" != "None" ]]; then
    ops_die "the database bootstrap failed ($function_error): ${report//$'\n'/ }. Details: the log group /fxrates/$env/db-bootstrap. Fix it and rerun: scripts/deploy $env --only updater"
  fi
  [[ "$status" == 200 ]] || ops_die "unexpected status '$status' from the invocation of $fn"
  ops_log "$stack: database roles bootstrapped"
}
