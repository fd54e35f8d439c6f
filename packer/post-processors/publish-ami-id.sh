#!/usr/bin/env bash
# Packer shell-local post-processor (runs where Packer runs, after the manifest post-processor):
# publishes this build's AMI id to $SSM_PARAMETER (/fxrates/<env>/ami-id, read by the app stack)
# and keeps the id it replaces in $SSM_PREVIOUS_PARAMETER for scripts/rollback.
set -euo pipefail
: "${MANIFEST:?}" "${SSM_PARAMETER:?}" "${SSM_PREVIOUS_PARAMETER:?}" "${AWS_REGION:?}" "${PACKER_RUN_UUID:?}"

command -v jq >/dev/null || { echo "publish-ami-id: jq is needed to read $MANIFEST (install jq)" >&2; exit 1; }
artifact=$(jq -r --arg uuid "$PACKER_RUN_UUID" \
  '[.builds[] | select(.packer_run_uuid == $uuid)] | last | .artifact_id // empty' "$MANIFEST")
# artifact_id is "region:ami-id[,region:ami-id...]"; take this region's.
ami=""
IFS=, read -r -a pairs <<<"$artifact"
for pair in "${pairs[@]}"; do
  if [[ "${pair%%:*}" == "$AWS_REGION" ]]; then
    ami=${pair#*:}
  fi
done
[[ "$ami" =~ ^ami-[0-9a-f]+$ ]] || { echo "publish-ami-id: no AMI for $AWS_REGION and run $PACKER_RUN_UUID in $MANIFEST" >&2; exit 1; }

if [[ "${PUBLISH:-true}" != true ]]; then
  echo "publish-ami-id: built $ami; not published (publish_ami_id = false)"
  exit 0
fi

current=$(aws ssm get-parameter --region "$AWS_REGION" --name "$SSM_PARAMETER" --query Parameter.Value --output text 2>/dev/null || true)
if [[ -n "$current" && "$current" != None && "$current" != "$ami" ]]; then
  aws ssm put-parameter --region "$AWS_REGION" --name "$SSM_PREVIOUS_PARAMETER" --type String \
    --data-type aws:ec2:image --value "$current" --overwrite >/dev/null
  echo "publish-ami-id: $SSM_PREVIOUS_PARAMETER = $current"
fi
aws ssm put-parameter --region "$AWS_REGION" --name "$SSM_PARAMETER" --type String \
  --data-type aws:ec2:image --value "$ami" --overwrite >/dev/null
echo "publish-ami-id: $SSM_PARAMETER = $ami"
