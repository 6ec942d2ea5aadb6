# Terraform and provider versions, and where the state lives.
#
# State locking: S3-native lock files (`use_lockfile`, GA since Terraform 1.11) instead of a DynamoDB
# table: DynamoDB-based locking is deprecated in the S3 backend, and one bucket is one thing fewer to
# create. The bucket and region are given at init time (partial configuration), e.g.
#   terraform init -backend-config="bucket=my-state-bucket" -backend-config="region=us-east-1"
terraform {
  required_version = ">= 1.11.0"

  required_providers {
    # 6.x: the current major version; it also brings the per-resource `region` argument used by waf.tf.
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # No `archive` provider: `npm run build` produces dist/chatbot-query.zip itself, so Terraform only
  # uploads it and tracks its hash.

  backend "s3" {
    key          = "chatbot/terraform.tfstate"
    use_lockfile = true
    encrypt      = true
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = var.tags
  }
}
