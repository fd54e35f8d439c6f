# Packer variables for the dev AMI (scripts/bake-ami dev). subnet_id stays empty here:
# scripts/bake-ami passes the first private subnet of fxrates-dev-network (it routes out through
# NAT, which the Session Manager connection needs; the build instance gets no public IP), so the
# network stack must exist before the bake. iam_instance_profile and security_group_id stay
# empty too: scripts/bake-ami passes the outputs of fxrates-dev-bake (cloudformation/bake.yaml,
# 'scripts/deploy dev --only bake'). xray_daemon_sha256: see the variable in fxrates.pkr.hcl.
environment            = "dev"
aws_region             = "eu-central-1"
arch                   = "x86_64"
instance_type          = "t3.small"
root_volume_size       = 20
subnet_id              = ""
iam_instance_profile   = ""
security_group_id      = ""
kms_key_id             = ""
adot_collector_version = "v0.45.1"
xray_daemon_version    = "3.6.6"
xray_daemon_sha256     = ""
publish_ami_id         = true
