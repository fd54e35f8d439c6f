#!/usr/bin/env bash
# Base packages for the fxrates host: Docker (the app runs as a container), jq (secret parsing),
# rsyslog + logrotate (journal -> files for the CloudWatch agent). The AWS CLI v2 is part of AL2023.
set -euo pipefail

dnf -y -q upgrade --releasever=latest
dnf -y -q install docker jq rsyslog logrotate
systemctl enable docker.service rsyslog.service
command -v aws >/dev/null || { echo "install-base: the AWS CLI is missing from the source AMI" >&2; exit 1; }
# Docker's own logs rotate; the app's container uses the journald driver (see run-container).
mkdir -p /etc/docker
cat >/etc/docker/daemon.json <<'JSON'
{
  "log-driver": "journald",
  "live-restore": false
}
JSON
