# Execution role: write its own logs, read one SSM parameter, decrypt it. Nothing else.

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "chatbot" {
  name               = "${var.function_name}-execution"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

# The AWS managed key SSM uses for SecureStrings when none is named.
data "aws_kms_alias" "ssm" {
  count = var.gemini_api_key_kms_key_arn == null ? 1 : 0
  name  = "alias/aws/ssm"
}

locals {
  gemini_parameter_kms_key_arn = coalesce(var.gemini_api_key_kms_key_arn, try(data.aws_kms_alias.ssm[0].target_key_arn, null))
}

data "aws_iam_policy_document" "chatbot" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.chatbot.arn}:*"]
  }

  statement {
    sid       = "ReadGeminiKeyParameter"
    actions   = ["ssm:GetParameter"]
    resources = [local.gemini_parameter_arn]
  }

  statement {
    sid       = "DecryptGeminiKeyParameter"
    actions   = ["kms:Decrypt"]
    resources = [local.gemini_parameter_kms_key_arn]

    # Only when SSM decrypts on the function's behalf.
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "chatbot" {
  name   = "${var.function_name}-runtime"
  role   = aws_iam_role.chatbot.id
  policy = data.aws_iam_policy_document.chatbot.json
}
