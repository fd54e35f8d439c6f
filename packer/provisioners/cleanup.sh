#!/usr/bin/env bash
# Leaves no build traces in the AMI: work files, package caches, logs, host keys, machine id.
set -euo pipefail
: "${WORK_DIR:?}"

rm -rf "$WORK_DIR"
dnf clean all
rm -rf /var/cache/dnf /tmp/* /var/tmp/*
find /var/log -type f -exec truncate --size 0 {} +
journalctl --rotate --vacuum-time=1s >/dev/null 2>&1 || true
rm -f /etc/ssh/ssh_host_* /home/ec2-user/.ssh/authorized_keys /root/.ssh/authorized_keys
truncate --size 0 /etc/machine-id
cloud-init clean --logs >/dev/null 2>&1 || true
