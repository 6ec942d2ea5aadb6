# Optional AWS WAF web ACL (off by default): a per-IP rate limit in front of the paid model.
# CloudFront-scoped web ACLs must live in us-east-1; provider 6.x sets that per resource.

resource "aws_wafv2_web_acl" "chatbot" {
  count  = var.enable_waf ? 1 : 0
  region = "us-east-1"
  name   = "${var.function_name}-rate-limit"
  scope  = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 1

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.waf_rate_limit
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.function_name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.function_name}-web-acl"
    sampled_requests_enabled   = true
  }
}
