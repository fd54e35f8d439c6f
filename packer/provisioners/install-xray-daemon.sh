#!/usr/bin/env bash
# AWS X-Ray daemon (UDP 127.0.0.1:2000 -> X-Ray API) from AWS's regional download bucket, pinned
# by version and verified before it is installed.
#
# Object names (checked against the daemon's release scripts, aws/aws-xray-daemon
# Tool/src/packaging/linux/build_rpm_linux.sh and .github/scripts/check-tag-aliases.sh): since
# 3.3.0 a release's RPM is xray-daemon/aws-xray-daemon-linux-<amd64|arm64>-<version>.rpm; the
# names without the architecture (aws-xray-daemon-3.x.rpm, aws-xray-daemon-<version>.rpm) are
# the moving "3.x" alias and the releases before 3.3.0.
#
# Verification: AWS publishes no checksums for these files, so none could be checked from the
# repository. What AWS documents is its signing key, "AWS X-Ray <aws-xray@amazon.com>", primary
# key fingerprint EA6D 9271 FBF3 6990 277F 4B87 7BFE 036B FE61 57D3 (X-Ray developer guide,
# "Verifying the daemon archive's signature"), published as xray-daemon/aws-xray.gpg; the release
# workflow signs every RPM with it (rpmsign --addsign, Tool/src/packaging/sign-packages.sh). So:
#   1. the downloaded key must have exactly that fingerprint;
#   2. rpm --checksig must find a valid signature by that key (digests and signature OK);
#   3. when XRAY_DAEMON_SHA256 is set (xray_daemon_sha256 in packer/env/<env>.pkrvars.hcl), the
#      RPM's SHA-256 must equal it. The bake prints the SHA-256 of what it verified: pin that
#      value after the first bake so that later bakes of the same version get the same bytes.
set -euo pipefail
: "${ARCH:?}" "${AWS_REGION:?}" "${XRAY_DAEMON_VERSION:?}"
XRAY_DAEMON_SHA256=${XRAY_DAEMON_SHA256:-}
readonly signing_key_fingerprint=EA6D9271FBF36990277F4B877BFE036BFE6157D3

case "$ARCH" in
  x86_64) rpm_arch=amd64 ;;
  arm64) rpm_arch=arm64 ;;
  *) echo "install-xray-daemon: unsupported ARCH $ARCH" >&2; exit 1 ;;
esac
[[ "$XRAY_DAEMON_VERSION" =~ ^3\.([3-9]|[1-9][0-9])\.[0-9]+$|^[4-9]\.[0-9]+\.[0-9]+$ ]] \
  || { echo "install-xray-daemon: $XRAY_DAEMON_VERSION is older than 3.3.0, whose RPMs have other names" >&2; exit 1; }

base="https://s3.${AWS_REGION}.amazonaws.com/aws-xray-assets.${AWS_REGION}/xray-daemon"
rpm_name="aws-xray-daemon-linux-${rpm_arch}-${XRAY_DAEMON_VERSION}.rpm"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --retry 5 --location --output "$work/$1" "$base/$1"; }
fetch aws-xray.gpg
fetch "$rpm_name"

export GNUPGHOME="$work/gnupg"
install -d -m 0700 "$GNUPGHOME"
gpg --batch --quiet --import "$work/aws-xray.gpg"
fingerprint=$(gpg --batch --with-colons --fingerprint | awk -F: '$1 == "fpr" { print $10; exit }')
if [[ "$fingerprint" != "$signing_key_fingerprint" ]]; then
  echo "install-xray-daemon: aws-xray.gpg has fingerprint '$fingerprint', not AWS's documented $signing_key_fingerprint" >&2
  exit 1
fi
rpm --import "$work/aws-xray.gpg"
checksig=$(rpm --checksig "$work/$rpm_name")
case "$checksig" in
  *"digests signatures OK"*) ;;
  *) echo "install-xray-daemon: $rpm_name fails its signature check: $checksig" >&2; exit 1 ;;
esac
sha256=$(sha256sum "$work/$rpm_name" | cut -d' ' -f1)
if [[ -n "$XRAY_DAEMON_SHA256" && "$sha256" != "$XRAY_DAEMON_SHA256" ]]; then
  echo "install-xray-daemon: $rpm_name has SHA-256 $sha256, pinned $XRAY_DAEMON_SHA256" >&2
  exit 1
fi
echo "install-xray-daemon: $rpm_name signed by AWS X-Ray ($signing_key_fingerprint), SHA-256 $sha256${XRAY_DAEMON_SHA256:+ (as pinned)}"

dnf -y -q install "$work/$rpm_name"
installed=$(rpm -q --queryformat '%{VERSION}' xray)
[[ "$installed" == "$XRAY_DAEMON_VERSION" ]] \
  || { echo "install-xray-daemon: installed xray $installed, expected $XRAY_DAEMON_VERSION" >&2; exit 1; }
systemctl enable xray.service
