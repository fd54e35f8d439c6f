# Packer variables for the stg AMI (scripts/bake-ami stg). subnet_id stays empty here:
# scripts/bake-ami passes the first private subnet of fxrates-stg-network (it routes out through
# NAT, which the Session Manager connection needs; the build instance gets no public IP), so the
# network stack must exist before the bake. An empty iam_instance_profile makes Packer create a
# temporary one with the Session Manager permissions.
environment            = "stg"
aws_region             = "eu-central-1"
arch                   = "x86_64"
instance_type          = "t3.small"
root_volume_size       = 20
subnet_id              = ""
iam_instance_profile   = ""
kms_key_id             = ""
adot_collector_version = "v0.45.1"
xray_daemon_version    = "3.5.0"
publish_ami_id         = true
