# shellcheck shell=bash
# stg and prd alarms must reach someone (sourced by scripts/deploy, after lib/ops.sh): the updater
# stack subscribes AlertEmail to the High and Critical topics, and deploy refuses these environments
# while their samconfig leaves it empty. (A placeholder such as REPLACE_WITH_ALERT_EMAIL is refused
# earlier, by deploy's placeholder check.) Other subscriptions (pager, chat) go on the topic ARNs in
# the stack outputs; they add to the e-mail, they do not replace it.

# alert_subscription_required ENV: true for the environments whose alarms page someone.
alert_subscription_required() {
  [[ "$1" == stg || "$1" == prd ]]
}

# alert_subscription_check ENV SAMCONFIG: dies unless SAMCONFIG sets a non-empty AlertEmail.
alert_subscription_check() {
  local env=$1 file=$2 value
  alert_subscription_required "$env" || return 0
  value=$(grep -oE 'AlertEmail=\\?"?[^"\\[:space:]]*' "$file" | head -n 1 | sed -E 's/^AlertEmail=\\?"?//') || true
  if [[ -z "$value" ]]; then
    ops_die "$file sets no AlertEmail: $env's High and Critical alarms would notify nobody. Set AlertEmail=\\\"<on-call address>\\\" in its parameter_overrides (docs/infrastructure.md, 'Before the first deploy of an environment'); nothing was deployed"
  fi
  [[ "$value" =~ ^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$ ]] \
    || ops_die "$file: AlertEmail '$value' is not an e-mail address; nothing was deployed"
}
