# shellcheck shell=bash
# The RDS CA bundle inside the Lambda zip (sourced by scripts/build-image and scripts/deploy, after
# lib/ops.sh). The updater and the bootstrap function verify Aurora's certificate against
# /var/task/rds-ca/global-bundle.pem (FXRATES_DB_SSL_ROOT_CERT); Lambda unpacks the zip to /var/task,
# so the bundle goes into the zip as rds-ca/global-bundle.pem. It is fetched at build time (the
# operator's machine has the internet) by the same script that bakes it into the AMI, and is never
# committed.

RDS_CA_ZIP_ENTRY=rds-ca/global-bundle.pem

# rds_ca_add_to_zip ZIP: downloads and checks the bundle (packer/provisioners/install-rds-ca.sh), then
# puts it into ZIP as rds-ca/global-bundle.pem, replacing an older copy (a --skip-maven rebuild).
rds_ca_add_to_zip() {
  local zip=$1 work
  ops_require_tool python3 "install Python 3 (it writes the CA bundle into the Lambda zip)"
  work=$(mktemp -d)
  RDS_CA_DEST="$work/$RDS_CA_ZIP_ENTRY" "$OPS_ROOT/packer/provisioners/install-rds-ca.sh" \
    || { rm -rf "$work"; ops_die "cannot fetch the RDS CA bundle (see above); the Lambda zip has none and deploy would refuse it"; }
  python3 - "$zip" "$work/$RDS_CA_ZIP_ENTRY" "$RDS_CA_ZIP_ENTRY" <<'PY' || { rm -rf "$work"; ops_die "cannot add the RDS CA bundle to $zip"; }
import os, shutil, sys, tempfile, zipfile
archive, bundle, entry = sys.argv[1:]
fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(archive)), suffix=".zip")
os.close(fd)
with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        if item.filename != entry:
            dst.writestr(item, src.read(item.filename))
    info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(bundle, "rb") as f:
        dst.writestr(info, f.read())
shutil.move(tmp, archive)
PY
  rm -rf "$work"
  ops_log "added $RDS_CA_ZIP_ENTRY to $zip"
}

# rds_ca_require_in_zip ZIP: dies unless ZIP holds rds-ca/global-bundle.pem and it is a PEM bundle.
rds_ca_require_in_zip() {
  local zip=$1 found
  ops_require_tool python3 "install Python 3 (it checks the Lambda zip for the RDS CA bundle)"
  found=$(python3 - "$zip" "$RDS_CA_ZIP_ENTRY" <<'PY'
import sys, zipfile
try:
    with zipfile.ZipFile(sys.argv[1]) as z:
        data = z.read(sys.argv[2])
except KeyError:
    print("missing")
except zipfile.BadZipFile:
    print("not-a-zip")
else:
    text = data.decode("ascii", "replace")
    print("ok" if text.lstrip().startswith("-----BEGIN CERTIFICATE-----") and "-----END CERTIFICATE-----" in text else "not-pem")
PY
) || found=error
  case "$found" in
    ok) ;;
    missing) ops_die "$zip has no $RDS_CA_ZIP_ENTRY: without it the updater cannot verify Aurora's certificate (sslmode=verify-full). Build with scripts/build-image, which adds it; nothing was deployed" ;;
    not-a-zip) ops_die "$zip is not a zip file; rebuild it with scripts/build-image; nothing was deployed" ;;
    *) ops_die "$RDS_CA_ZIP_ENTRY in $zip is not a PEM certificate bundle; rebuild with scripts/build-image; nothing was deployed" ;;
  esac
}
