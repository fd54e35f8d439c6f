#!/usr/bin/env bash
# Fails the bake when something the host needs is missing or a unit does not verify.
set -euo pipefail

for bin in docker aws jq /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl \
           /opt/aws/aws-otel-collector/bin/aws-otel-collector /usr/local/libexec/fxrates/run-container; do
  command -v "$bin" >/dev/null || { echo "validate: $bin is missing" >&2; exit 1; }
done
rpm -q xray >/dev/null || { echo "validate: the X-Ray daemon package is missing" >&2; exit 1; }
systemd-analyze verify /etc/systemd/system/fxrates.service /etc/systemd/system/fxrates.path \
  /etc/systemd/system/fxrates-host-config.service /etc/systemd/system/fxrates-otel-collector.service
for unit in docker.service fxrates.path fxrates-host-config.service fxrates-otel-collector.service xray.service; do
  systemctl is-enabled --quiet "$unit" || { echo "validate: $unit is not enabled" >&2; exit 1; }
done
/opt/aws/aws-otel-collector/bin/aws-otel-collector validate --config=/etc/fxrates/otel-collector.yaml \
  || { echo "validate: the collector rejects /etc/fxrates/otel-collector.yaml" >&2; exit 1; }
echo "validate: host looks complete"
