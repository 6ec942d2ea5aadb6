# The chatbot Lambda: the bundle from `npm run build`, run as Lambda runs it in the emulator.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.module}/../dist/chatbot-query.zip")

  # The header the viewer-request CloudFront Function copies the viewer's Authorization into.
  auth_token_header = "x-forwarded-authorization"

  # ARN built from the name, not read with a data source: reading the parameter would put the key in state.
  gemini_parameter_arn = "arn:${data.aws_partition.current.partition}:ssm:${var.aws_region}:${data.aws_caller_identity.current.account_id}:parameter${var.gemini_api_key_parameter_name}"
}

resource "aws_cloudwatch_log_group" "chatbot" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
}

# runtime: Node.js 24, Lambda's newest Node runtime (deprecation 2028-04-30; nodejs22.x: 2027-04-30).
# Why, with sources: docs/runtime.md. The bundle's build target and the emulator's Node follow it.
resource "aws_lambda_function" "chatbot" {
  function_name    = var.function_name
  description      = "AI tutor: verifies the Cognito ID token, asks Gemini, streams SSE."
  role             = aws_iam_role.chatbot.arn
  filename         = local.lambda_zip_path
  source_code_hash = filebase64sha256(local.lambda_zip_path)
  handler          = "index.handler"
  runtime          = "nodejs24.x"
  architectures    = ["arm64"]
  memory_size      = var.lambda_memory_mb
  timeout          = var.lambda_timeout_seconds

  # Only names and non-secret settings: the key stays in SSM, and local-only settings
  # (COGNITO_JWKS_URI, GEMINI_BASE_URL, GEMINI_API_KEY) are never set here.
  environment {
    variables = {
      COGNITO_USER_POOL_ID     = local.cognito_user_pool_id
      COGNITO_CLIENT_ID        = local.cognito_client_id
      GEMINI_API_KEY_PARAMETER = var.gemini_api_key_parameter_name
      GEMINI_MODEL             = var.gemini_model
      AUTH_TOKEN_HEADER        = local.auth_token_header
      MODEL_TIMEOUT_MS         = tostring(var.model_timeout_ms)
      KEEPALIVE_MS             = tostring(var.keepalive_ms)
      SPOILER_MAX_CODE_LINES   = tostring(var.spoiler_max_code_lines)
      LOG_LEVEL                = var.log_level
    }
  }

  # JSON: the handler's lines are JSON already, and only this format lets Lambda filter by level.
  logging_config {
    log_format            = "JSON"
    application_log_level = var.application_log_level
    system_log_level      = var.system_log_level
    log_group             = aws_cloudwatch_log_group.chatbot.name
  }

  # No vpc_config: Function URLs do not stream responses from functions inside a VPC.

  depends_on = [aws_iam_role_policy.chatbot, aws_cloudwatch_log_group.chatbot]
}
