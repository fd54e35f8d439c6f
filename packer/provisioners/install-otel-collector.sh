#!/usr/bin/env bash
# AWS Distro for OpenTelemetry collector: the Zipkin -> X-Ray bridge (observability/otel-collector.yaml).
# The RPM's own service is disabled; fxrates-otel-collector.service runs it with our configuration.
set -euo pipefail
: "${ARCH:?}" "${ADOT_COLLECTOR_VERSION:?}"

case "$ARCH" in
  x86_64) arch=amd64 ;;
  arm64) arch=arm64 ;;
  *) echo "install-otel-collector: unsupported ARCH $ARCH" >&2; exit 1 ;;
esac
url="https://aws-otel-collector.s3.amazonaws.com/amazon_linux/${arch}/${ADOT_COLLECTOR_VERSION}/aws-otel-collector.rpm"
curl --fail --silent --show-error --retry 5 --location --output /tmp/aws-otel-collector.rpm "$url"
dnf -y -q install /tmp/aws-otel-collector.rpm
rm -f /tmp/aws-otel-collector.rpm
systemctl disable --now aws-otel-collector.service 2>/dev/null || true
id aoc >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin aoc
