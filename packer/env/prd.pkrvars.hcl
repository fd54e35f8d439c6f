# Packer variables for the prd AMI (scripts/bake-ami prd). Subnet and instance profile come from
# the prd network; leave them empty to use the default VPC and a temporary instance profile.
environment            = "prd"
aws_region             = "eu-central-1"
arch                   = "x86_64"
instance_type          = "t3.medium"
root_volume_size       = 20
subnet_id              = ""
iam_instance_profile   = ""
kms_key_id             = ""
adot_collector_version = "latest"
xray_daemon_version    = "3.x"
publish_ami_id         = true
