# fxrates host AMI: Amazon Linux 2023 + Docker + the CloudWatch agent + the X-Ray daemon + the
# ADOT collector (Zipkin -> X-Ray bridge) + the fxrates systemd units.
#
# The template only orchestrates; the work is done by the scripts in provisioners/ (run on the
# build instance) and post-processors/ (run where Packer runs). Build it with scripts/bake-ami:
#   scripts/bake-ami dev        # packer init, fmt -check, validate, build -var-file=env/dev.pkrvars.hcl
# The new AMI id ends up in manifest.json and in the SSM parameter /fxrates/<env>/ami-id that the
# app stack reads; the id it replaces is kept in /fxrates/<env>/ami-id-previous for rollback.

packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "= 1.3.9"
    }
  }
}

variable "environment" {
  type        = string
  description = "dev, stg or prd: names the AMI and the SSM parameter it is published to."
  validation {
    condition     = contains(["dev", "stg", "prd"], var.environment)
    error_message = "The environment must be dev, stg or prd."
  }
}

variable "aws_region" {
  type    = string
  default = "eu-central-1"
}

variable "arch" {
  type        = string
  default     = "x86_64"
  description = "x86_64 or arm64; picks the AL2023 image and the agent packages."
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet of the build instance; it needs a route to SSM, EC2 messages and S3 (NAT or VPC endpoints). scripts/bake-ami passes the network stack's first private subnet. Empty: the default VPC, which has no NAT and does not work with a private build instance."
}

variable "iam_instance_profile" {
  type        = string
  default     = ""
  description = "Instance profile with AmazonSSMManagedInstanceCore for the build instance: the output InstanceProfileName of fxrates-<env>-bake (cloudformation/bake.yaml), which scripts/bake-ami passes. No temporary profile: Packer launches the instance before IAM has propagated one, and the Session Manager connection never comes up."
}

variable "security_group_id" {
  type        = string
  default     = ""
  description = "Security group of the build instance: the output SecurityGroupId of fxrates-<env>-bake (no inbound rules), which scripts/bake-ami passes. Empty: a temporary group whose port 22 admits 127.0.0.1/32 only (see temporary_security_group_source_cidrs)."
}

variable "communicator_timeout" {
  type        = string
  default     = "15m"
  description = "How long Packer waits for the Session Manager connection to the build instance (the SSM agent registers within a few minutes of boot)."
}

variable "root_volume_size" {
  type    = number
  default = 20
}

variable "kms_key_id" {
  type        = string
  default     = ""
  description = "KMS key for the encrypted root volume and AMI snapshots. Empty: the account's default EBS key."
}

variable "git_commit" {
  type        = string
  default     = "unknown"
  description = "Commit of this repository the AMI was baked from (set by scripts/bake-ami)."
}

# Pinned: "latest" / "3.x" would give two bakes of one commit different agents. The download
# URLs are https://aws-otel-collector.s3.amazonaws.com/amazon_linux/<arch>/<version>/aws-otel-collector.rpm
# and https://s3.<region>.amazonaws.com/aws-xray-assets.<region>/xray-daemon/aws-xray-daemon-linux-<amd64|arm64>-<version>.rpm
# (the name of every release since 3.3.0; see provisioners/install-xray-daemon.sh).
variable "adot_collector_version" {
  type        = string
  default     = "v0.45.1"
  description = "ADOT collector release (the RPM's version folder, e.g. v0.45.1); pinned per environment."
  validation {
    condition     = can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+$", var.adot_collector_version))
    error_message = "Pin an ADOT collector release such as v0.45.1, not latest."
  }
}

variable "xray_daemon_version" {
  type        = string
  default     = "3.6.6"
  description = "X-Ray daemon release (3.3.0 or later, e.g. 3.6.6); pinned per environment."
  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.xray_daemon_version))
    error_message = "Pin an X-Ray daemon release such as 3.6.6, not 3.x."
  }
}

variable "xray_daemon_sha256" {
  type        = string
  default     = ""
  description = "SHA-256 of the X-Ray daemon RPM of xray_daemon_version for var.arch. AWS publishes none: the bake checks the RPM's signature by AWS's documented key and prints its SHA-256; pin that here to hold later bakes to the same bytes. Empty: signature check only."
  validation {
    condition     = can(regex("^([0-9a-f]{64})?$", var.xray_daemon_sha256))
    error_message = "xray_daemon_sha256 is 64 lower-case hex digits, or empty."
  }
}

variable "publish_ami_id" {
  type        = bool
  default     = true
  description = "Write the new AMI id to /fxrates/<environment>/ami-id (false for a trial bake)."
}

variable "ami_users" {
  type        = list(string)
  default     = []
  description = "Other AWS accounts allowed to launch the AMI."
}

data "amazon-parameterstore" "al2023" {
  name   = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.arch}"
  region = var.aws_region
}

locals {
  timestamp = formatdate("YYYYMMDDhhmmss", timestamp())
  ami_name  = "fxrates-${var.environment}-al2023-${var.arch}-${local.timestamp}"
  work_dir  = "/tmp/fxrates-bake"
  common_tags = {
    Project     = "fxrates"
    Environment = var.environment
    GitCommit   = var.git_commit
  }
}

source "amazon-ebs" "al2023" {
  region        = var.aws_region
  source_ami    = data.amazon-parameterstore.al2023.value
  instance_type = var.instance_type
  subnet_id     = var.subnet_id == "" ? null : var.subnet_id

  ami_name        = local.ami_name
  ami_description = "fxrates ${var.environment} host: AL2023, Docker, CloudWatch agent, X-Ray daemon, ADOT collector (commit ${var.git_commit})"
  ami_users       = var.ami_users
  imds_support    = "v2.0"

  # The build instance is reached through Session Manager: no inbound port, no public IP, no SSH key in the VPC.
  communicator                = "ssh"
  ssh_username                = "ec2-user"
  ssh_interface               = "session_manager"
  ssh_timeout                 = var.communicator_timeout
  associate_public_ip_address = false
  iam_instance_profile        = var.iam_instance_profile == "" ? null : var.iam_instance_profile
  # The bake stack's group has no inbound rule. Without it Packer makes a temporary group with
  # port 22 open to temporary_security_group_source_cidrs (default 0.0.0.0/0); Session Manager
  # needs no inbound rule at all, so that group admits loopback only.
  security_group_id                     = var.security_group_id == "" ? null : var.security_group_id
  temporary_security_group_source_cidrs = ["127.0.0.1/32"]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = var.root_volume_size
    volume_type           = "gp3"
    encrypted             = true
    kms_key_id            = var.kms_key_id == "" ? null : var.kms_key_id
    delete_on_termination = true
  }
  encrypt_boot = true
  kms_key_id   = var.kms_key_id == "" ? null : var.kms_key_id

  run_tags = merge(local.common_tags, { Name = "packer-${local.ami_name}" })
  tags = merge(local.common_tags, {
    Name          = local.ami_name
    SourceAMI     = "{{ .SourceAMI }}"
    SourceAMIName = "{{ .SourceAMIName }}"
    AdotCollector = var.adot_collector_version
    XrayDaemon    = var.xray_daemon_version
  })
  snapshot_tags = local.common_tags

  aws_polling {
    delay_seconds = 15
    max_attempts  = 240
  }
}

build {
  name    = "fxrates"
  sources = ["source.amazon-ebs.al2023"]

  provisioner "shell" {
    inline = ["mkdir -p ${local.work_dir}/systemd ${local.work_dir}/observability"]
  }

  provisioner "file" {
    source      = "${path.root}/../systemd/"
    destination = "${local.work_dir}/systemd"
  }

  provisioner "file" {
    source      = "${path.root}/../observability/"
    destination = "${local.work_dir}/observability"
  }

  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    scripts = [
      "${path.root}/provisioners/install-base.sh",
      "${path.root}/provisioners/install-cloudwatch-agent.sh",
    ]
  }

  provisioner "shell" {
    execute_command  = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    environment_vars = ["ARCH=${var.arch}", "AWS_REGION=${var.aws_region}", "XRAY_DAEMON_VERSION=${var.xray_daemon_version}", "XRAY_DAEMON_SHA256=${var.xray_daemon_sha256}"]
    script           = "${path.root}/provisioners/install-xray-daemon.sh"
  }

  provisioner "shell" {
    execute_command  = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    environment_vars = ["ARCH=${var.arch}", "ADOT_COLLECTOR_VERSION=${var.adot_collector_version}"]
    script           = "${path.root}/provisioners/install-otel-collector.sh"
  }

  # The RDS CA bundle the app verifies Aurora's certificate against (sslmode=verify-full).
  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    script          = "${path.root}/provisioners/install-rds-ca.sh"
  }

  provisioner "shell" {
    execute_command  = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    environment_vars = ["WORK_DIR=${local.work_dir}", "GIT_COMMIT=${var.git_commit}", "FXRATES_ENV=${var.environment}", "AWS_REGION=${var.aws_region}"]
    # validate.sh last: it checks the host as the AMI will hold it, after cleanup.sh, and
    # leaves nothing behind itself.
    scripts = [
      "${path.root}/provisioners/install-fxrates.sh",
      "${path.root}/provisioners/cleanup.sh",
      "${path.root}/provisioners/validate.sh",
    ]
  }

  post-processors {
    post-processor "manifest" {
      output     = "${path.root}/manifest.json"
      strip_path = true
      custom_data = {
        environment = var.environment
        git_commit  = var.git_commit
        source_ami  = data.amazon-parameterstore.al2023.value
      }
    }

    # Publishes the new AMI id to the SSM parameter the app stack reads (and keeps the old one).
    post-processor "shell-local" {
      environment_vars = [
        "FXRATES_ENV=${var.environment}",
        "AWS_REGION=${var.aws_region}",
        "MANIFEST=${path.root}/manifest.json",
        "PUBLISH=${var.publish_ami_id}",
        "SSM_PARAMETER=/fxrates/${var.environment}/ami-id",
        "SSM_PREVIOUS_PARAMETER=/fxrates/${var.environment}/ami-id-previous",
      ]
      script = "${path.root}/post-processors/publish-ami-id.sh"
    }
  }
}
