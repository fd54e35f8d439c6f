#!/usr/bin/env bash
# Fetches the RDS certificate authority bundle that TLS to Aurora is verified against
# (sslmode=verify-full), checks that it is a PEM bundle of certificates and nothing else, and installs
# it. AWS publishes one bundle for every region at truststore.pki.rds.amazonaws.com ("Using SSL/TLS to
# encrypt a connection to a DB cluster", Aurora user guide); it holds the root and intermediate CAs
# of every region, so the same file serves any cluster and survives a CA rotation of the cluster.
#
# As a Packer provisioner it installs /etc/fxrates/rds-ca/global-bundle.pem on the host (mounted
# read-only into the container by run-container). scripts/build-image runs it on the operator's
# machine with RDS_CA_DEST set, to put the same bundle into the Lambda zip.
#
#   RDS_CA_URL   where to fetch from (default: the global bundle)
#   RDS_CA_DEST  where to install it (default: /etc/fxrates/rds-ca/global-bundle.pem)
#   RDS_CA_FILE  check and install this file instead of downloading (tests, an offline mirror)
set -euo pipefail

url=${RDS_CA_URL:-https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem}
dest=${RDS_CA_DEST:-/etc/fxrates/rds-ca/global-bundle.pem}
say() { printf 'install-rds-ca: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
if ! command -v openssl >/dev/null && command -v dnf >/dev/null; then
  dnf -y -q install openssl   # on the build instance (AL2023); the operator's machine has its own
fi
command -v openssl >/dev/null || die "openssl is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=$work/global-bundle.pem
if [[ -n "${RDS_CA_FILE:-}" ]]; then
  cp "$RDS_CA_FILE" "$bundle"
else
  command -v curl >/dev/null || die "curl is missing"
  curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
    --retry 5 --retry-delay 2 --max-time 60 --output "$bundle" "$url" \
    || die "cannot download $url"
fi

# Nothing but BEGIN/END CERTIFICATE blocks (an HTML error page, a truncated file or a private key
# fails), each block one certificate that openssl parses and that is a CA.
awk '
  /^-----BEGIN CERTIFICATE-----$/ { if (inside) bad = 1; inside = 1; n++; next }
  /^-----END CERTIFICATE-----$/   { if (!inside) bad = 1; inside = 0; next }
  /^[[:space:]]*$/                { next }
  !inside                         { bad = 1 }
  inside && !/^[A-Za-z0-9+\/=]+$/ { bad = 1 }
  END { if (inside || bad || n == 0) exit 1 }
' "$bundle" || die "$url is not a PEM bundle of certificates"
count=0
mkdir "$work/certs"
awk -v dir="$work/certs" '/^-----BEGIN CERTIFICATE-----$/ { n++ } n { print > (dir "/" n ".pem") }' "$bundle"
for cert in "$work"/certs/*.pem; do
  openssl x509 -noout -in "$cert" 2>/dev/null || die "$url holds a block that is not a certificate"
  openssl x509 -noout -text -in "$cert" | grep -q 'CA:TRUE' || die "$url holds a certificate that is not a CA"
  count=$((count + 1))
done
# At least one must be valid today, or every verify-full connection would fail.
valid=0
for cert in "$work"/certs/*.pem; do
  if openssl x509 -noout -checkend 0 -in "$cert" >/dev/null; then valid=$((valid + 1)); fi
done
((valid > 0)) || die "every certificate in $url has expired"

install -d -m 0755 "$(dirname "$dest")"
install -m 0644 "$bundle" "$dest"
say "installed $dest: $count CA certificates ($valid valid today) from ${RDS_CA_FILE:-$url}"
