#!/usr/bin/env bash
# AWS X-Ray daemon (UDP 127.0.0.1:2000 -> X-Ray API) from AWS's regional download bucket.
set -euo pipefail
: "${ARCH:?}" "${AWS_REGION:?}" "${XRAY_DAEMON_VERSION:?}"

case "$ARCH" in
  x86_64) rpm_name="aws-xray-daemon-${XRAY_DAEMON_VERSION}.rpm" ;;
  arm64) rpm_name="aws-xray-daemon-arm64-${XRAY_DAEMON_VERSION}.rpm" ;;
  *) echo "install-xray-daemon: unsupported ARCH $ARCH" >&2; exit 1 ;;
esac
url="https://s3.${AWS_REGION}.amazonaws.com/aws-xray-assets.${AWS_REGION}/xray-daemon/${rpm_name}"
curl --fail --silent --show-error --retry 5 --location --output /tmp/xray.rpm "$url"
dnf -y -q install /tmp/xray.rpm
rm -f /tmp/xray.rpm
systemctl enable xray.service
