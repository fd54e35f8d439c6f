#!/usr/bin/env bash
# Fails the bake when something the host needs is missing, a unit does not verify or the trace
# bridge does not start with its configuration. Runs last, after cleanup.sh, so it sees the host
# as the AMI will hold it; it leaves nothing behind (its scratch files are removed on exit).
set -euo pipefail
: "${AWS_REGION:?}"
collector=/opt/aws/aws-otel-collector/bin/aws-otel-collector
collector_config=/etc/fxrates/otel-collector.yaml
# The health_check extension's endpoint in observability/otel-collector.yaml.
health_url=${COLLECTOR_HEALTH_URL:-http://127.0.0.1:13133/}

for bin in docker aws jq curl /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl \
           "$collector" /usr/local/libexec/fxrates/run-container; do
  command -v "$bin" >/dev/null || { echo "validate: $bin is missing" >&2; exit 1; }
done
rpm -q xray >/dev/null || { echo "validate: the X-Ray daemon package is missing" >&2; exit 1; }
systemd-analyze verify /etc/systemd/system/fxrates.service /etc/systemd/system/fxrates.path \
  /etc/systemd/system/fxrates-host-config.service /etc/systemd/system/fxrates-otel-collector.service
for unit in docker.service fxrates.path fxrates-host-config.service fxrates-otel-collector.service xray.service; do
  systemctl is-enabled --quiet "$unit" || { echo "validate: $unit is not enabled" >&2; exit 1; }
done

# The collector has no sub-command that only checks a configuration: start it with ours, as its
# unit's user, and wait for its health_check extension to report the pipelines running
# (receivers, processors and exporters built and started). A bad configuration makes it exit.
work=$(mktemp -d)
collector_pid=""
stop_collector() {
  if [[ -n $collector_pid ]] && kill -0 "$collector_pid" 2>/dev/null; then
    kill -TERM "$collector_pid"
    wait "$collector_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_collector EXIT
chmod 0755 "$work"
AWS_REGION=$AWS_REGION setpriv --reuid=aoc --regid=aoc --init-groups \
  "$collector" --config="$collector_config" >"$work/collector.log" 2>&1 &
collector_pid=$!
healthy=0
for _ in $(seq 1 "${COLLECTOR_START_SECONDS:-60}"); do
  if curl --fail --silent --max-time 2 --output /dev/null "$health_url"; then
    healthy=1
    break
  fi
  kill -0 "$collector_pid" 2>/dev/null || break
  sleep 1
done
if ((healthy == 0)); then
  echo "validate: the ADOT collector did not come up with $collector_config; its output:" >&2
  tail -n 30 "$work/collector.log" >&2
  exit 1
fi
echo "validate: the ADOT collector runs with $collector_config ($health_url answers)"
echo "validate: host looks complete"
