#!/usr/bin/env bash
# CloudWatch agent from the AL2023 repositories. Its configuration (observability/cloudwatch-agent.json)
# is installed by install-fxrates.sh and rendered per environment at boot by configure-host.
set -euo pipefail

dnf -y -q install amazon-cloudwatch-agent
# Started by fxrates-host-config.service once the environment is known (fetch-config -s).
systemctl disable amazon-cloudwatch-agent.service || true
