#!/usr/bin/env bash
# Installs what this repository brings to the host: the systemd units and their helpers
# (systemd/), the agent configurations (observability/), and enables the units.
set -euo pipefail
: "${WORK_DIR:?}" "${GIT_COMMIT:?}" "${FXRATES_ENV:?}"

install -d -m 0755 /usr/local/libexec/fxrates /usr/local/share/fxrates /etc/fxrates
install -d -m 0750 /var/log/fxrates
install -m 0755 "$WORK_DIR"/systemd/libexec/* /usr/local/libexec/fxrates/
install -m 0644 "$WORK_DIR"/systemd/*.service "$WORK_DIR"/systemd/*.path "$WORK_DIR"/systemd/*.timer /etc/systemd/system/

install -m 0644 "$WORK_DIR"/observability/cloudwatch-agent.json /usr/local/share/fxrates/cloudwatch-agent.json
install -m 0644 "$WORK_DIR"/observability/prometheus.yaml /usr/local/share/fxrates/prometheus.yaml
install -m 0644 "$WORK_DIR"/observability/otel-collector.yaml /etc/fxrates/otel-collector.yaml
install -m 0644 "$WORK_DIR"/observability/rsyslog-fxrates.conf /etc/rsyslog.d/10-fxrates.conf
install -m 0644 "$WORK_DIR"/observability/logrotate-fxrates /etc/logrotate.d/fxrates

printf 'FXRATES_AMI_GIT_COMMIT=%s\nFXRATES_AMI_ENV=%s\n' "$GIT_COMMIT" "$FXRATES_ENV" >/etc/fxrates/ami-release

systemctl daemon-reload
# fxrates.path starts fxrates.service when user data writes /etc/fxrates/fxrates.env; the token timer
# keeps the database IAM token fresh (its service is skipped until that file exists).
systemctl enable fxrates.path fxrates.service fxrates-host-config.service fxrates-otel-collector.service \
  fxrates-db-token.timer
