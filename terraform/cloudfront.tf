# CloudFront in front of the Function URL, signing every origin request with OAC.

locals {
  # Managed policies, pinned by id (CloudFront developer guide, managed cache / origin request policies).
  # Same ids as data "aws_cloudfront_cache_policy" { name = "Managed-CachingDisabled" } and
  # data "aws_cloudfront_origin_request_policy" { name = "Managed-AllViewerExceptHostHeader" }.
  caching_disabled_policy_id              = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_header_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

  # https://<url-id>.lambda-url.<region>.on.aws/ -> <url-id>.lambda-url.<region>.on.aws
  function_url_domain = trimsuffix(trimprefix(aws_lambda_function_url.chatbot.function_url, "https://"), "/")
  function_url_origin = "chatbot-function-url"
}

# "always" overwrites the viewer's Authorization with the SigV4 signature; the token travels in
# x-forwarded-authorization instead (see functions/forward-authorization.js).
resource "aws_cloudfront_origin_access_control" "chatbot" {
  name                              = "${var.function_name}-oac"
  description                       = "Signs requests to the chatbot Function URL."
  origin_access_control_origin_type = "lambda"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_function" "forward_authorization" {
  name    = "chatbot-forward-authorization"
  runtime = "cloudfront-js-2.0"
  comment = "Copies Authorization to x-forwarded-authorization before OAC overwrites it."
  publish = true
  code    = file("${path.module}/functions/forward-authorization.js")
}

resource "aws_cloudfront_distribution" "chatbot" {
  enabled         = true
  is_ipv6_enabled = true
  comment         = "AI tutor chatbot API"
  price_class     = var.price_class
  web_acl_id      = var.enable_waf ? aws_wafv2_web_acl.chatbot[0].arn : null

  origin {
    origin_id                = local.function_url_origin
    domain_name              = local.function_url_domain
    origin_access_control_id = aws_cloudfront_origin_access_control.chatbot.id

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      # Applies to the first byte and every gap; the handler's keep-alive comments keep gaps shorter.
      origin_read_timeout = var.origin_read_timeout_seconds
    }
  }

  default_cache_behavior {
    target_origin_id = local.function_url_origin
    # POST needs the full seven-method set: CloudFront accepts no smaller set containing it.
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    viewer_protocol_policy   = "https-only"
    cache_policy_id          = local.caching_disabled_policy_id
    origin_request_policy_id = local.all_viewer_except_host_header_policy_id
    # A compressing edge would buffer the event stream.
    compress = false

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.forward_authorization.arn
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  lifecycle {
    precondition {
      condition     = var.keepalive_ms < var.origin_read_timeout_seconds * 1000
      error_message = "keepalive_ms must be shorter than origin_read_timeout_seconds, or CloudFront cuts silent streams."
    }
  }
}
