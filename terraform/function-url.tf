# The Function URL (AWS_IAM, streaming) and the resource policy that lets only this distribution call it.

resource "aws_lambda_function_url" "chatbot" {
  function_name      = aws_lambda_function.chatbot.function_name
  authorization_type = "AWS_IAM"
  invoke_mode        = "RESPONSE_STREAM"

  # Lambda answers preflight itself and adds these headers to every response.
  cors {
    allow_origins     = var.frontend_origins
    allow_methods     = ["POST"]
    allow_headers     = ["authorization", "content-type", "x-amz-content-sha256", "x-amz-date"]
    expose_headers    = ["x-request-id"]
    allow_credentials = false
    max_age           = var.cors_max_age_seconds
  }
}

# Since October 2025 a caller needs both actions (Lambda developer guide, urls-auth).
resource "aws_lambda_permission" "cloudfront_invoke_function_url" {
  statement_id           = "AllowCloudFrontInvokeFunctionUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.chatbot.function_name
  principal              = "cloudfront.amazonaws.com"
  source_arn             = aws_cloudfront_distribution.chatbot.arn
  function_url_auth_type = "AWS_IAM"
}

resource "aws_lambda_permission" "cloudfront_invoke_function" {
  statement_id  = "AllowCloudFrontInvokeFunction"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.chatbot.function_name
  principal     = "cloudfront.amazonaws.com"
  source_arn    = aws_cloudfront_distribution.chatbot.arn
}
