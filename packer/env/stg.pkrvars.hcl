# Packer variables for the stg AMI (scripts/bake-ami stg). Subnet and instance profile come from
# the stg network; leave them empty to use the default VPC and a temporary instance profile.
environment            = "stg"
aws_region             = "eu-central-1"
arch                   = "x86_64"
instance_type          = "t3.small"
root_volume_size       = 20
subnet_id              = ""
iam_instance_profile   = ""
kms_key_id             = ""
adot_collector_version = "latest"
xray_daemon_version    = "3.x"
publish_ami_id         = true
