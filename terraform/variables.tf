# Inputs of the chatbot stack. Every variable has a default, so the offline emulator (which reads this
# module) and `terraform plan` both work without a tfvars file.

variable "aws_region" {
  description = "Region of the Lambda function, its URL and log group (CloudFront itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "function_name" {
  description = "Name of the Lambda function."
  type        = string
  default     = "chatbot-query"
}

variable "lambda_zip_path" {
  description = "Path of the bundle built by `npm run build`; null means ../dist/chatbot-query.zip."
  type        = string
  default     = null
}

variable "lambda_memory_mb" {
  description = "Lambda memory size in MB."
  type        = number
  default     = 512
}

variable "lambda_timeout_seconds" {
  description = "Lambda timeout: long enough for a whole streamed answer, model timeout included."
  type        = number
  default     = 120

  validation {
    condition     = var.lambda_timeout_seconds >= 30 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 30 and 900."
  }
}

variable "log_retention_days" {
  description = "Retention of the function's CloudWatch log group."
  type        = number
  default     = 30
}

# --- Cognito: read from the Cognito stack's state, or given directly -------------------------------

variable "cognito_state_bucket" {
  description = "S3 bucket of the Cognito stack's state; null to skip terraform_remote_state."
  type        = string
  default     = null
}

variable "cognito_state_key" {
  description = "State key of the Cognito stack."
  type        = string
  default     = "cognito/terraform.tfstate"
}

variable "cognito_state_region" {
  description = "Region of the Cognito state bucket; null means aws_region."
  type        = string
  default     = null
}

variable "cognito_user_pool_id" {
  description = "Overrides the remote state's cognito_user_pool_id (e.g. us-east-1_AbC123)."
  type        = string
  default     = null
}

variable "cognito_user_pool_client_id" {
  description = "Overrides the remote state's cognito_user_pool_client_id (the ID token's aud)."
  type        = string
  default     = null
}

variable "cognito_user_pool_provider_url" {
  description = "Overrides the remote state's cognito_user_pool_provider_url; the pool id is its last segment."
  type        = string
  default     = null
}

# --- The handler's settings (pinned environment names, docs/interfaces.md) -------------------------------

variable "gemini_api_key_parameter_name" {
  description = "Name of the SSM SecureString holding the Gemini API key. Its value is set outside Terraform."
  type        = string
  default     = "/chatbot/gemini-api-key"

  validation {
    condition     = startswith(var.gemini_api_key_parameter_name, "/")
    error_message = "gemini_api_key_parameter_name must be a fully qualified SSM name starting with '/'."
  }
}

variable "gemini_api_key_kms_key_arn" {
  description = "KMS key encrypting the parameter; null means the AWS managed key alias/aws/ssm."
  type        = string
  default     = null
}

variable "gemini_model" {
  # The newest stable Flash model on https://ai.google.dev/gemini-api/docs/models (read 2026-12-07).
  # Its lifecycle and the models it replaced: docs/lifecycle.md (a test fails near an announced end).
  description = "Gemini model name."
  type        = string
  default     = "gemini-3.8-flash"
}

variable "model_timeout_ms" {
  description = "How long the handler waits on the model before UPSTREAM_TIMEOUT."
  type        = number
  default     = 30000
}

variable "keepalive_ms" {
  description = "Interval of SSE keep-alive comments; must stay below the origin read timeout."
  type        = number
  default     = 10000
}

variable "spoiler_max_code_lines" {
  description = "Lines of code one conversation may show, over all its answers (SPOILER_MAX_CODE_LINES). 6 keeps a complete 7-8 line solution out; why: handler/README.md, \"The budget\"."
  type        = number
  default     = 6

  validation {
    condition     = var.spoiler_max_code_lines >= 1 && floor(var.spoiler_max_code_lines) == var.spoiler_max_code_lines
    error_message = "spoiler_max_code_lines must be a whole number of at least 1 (the handler refuses anything else at start)."
  }
}

variable "log_level" {
  description = "Handler log level (LOG_LEVEL). Deployed, application_log_level wins over it (Powertools, advanced logging controls)."
  type        = string
  default     = "info"
}

# Lambda advanced logging controls (logging_config). Lambda filters by level only in the JSON log format
# (Lambda developer guide, "Log-level filtering") and hands the application level to the function as
# AWS_LAMBDA_LOG_LEVEL.
variable "application_log_level" {
  description = "Lambda application log level: lines of the function below it are dropped (AWS_LAMBDA_LOG_LEVEL)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.application_log_level)
    error_message = "application_log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "system_log_level" {
  description = "Lambda system log level: which platform lines (START, END, REPORT ...) reach the log group."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "system_log_level must be one of DEBUG, INFO, WARN."
  }
}

# --- Function URL and CloudFront ---------------------------------------------------------------------

variable "frontend_origins" {
  description = "Browser origins allowed by the Function URL's CORS configuration."
  type        = list(string)
  default     = ["http://localhost:3000"]
}

variable "cors_max_age_seconds" {
  description = "How long browsers may cache a preflight answer (at most 86400)."
  type        = number
  default     = 300
}

variable "origin_read_timeout_seconds" {
  description = "CloudFront origin read timeout (first byte and every gap); 60 is the most without a quota raise."
  type        = number
  default     = 30

  validation {
    condition     = var.origin_read_timeout_seconds >= 1 && var.origin_read_timeout_seconds <= 60
    error_message = "origin_read_timeout_seconds must be between 1 and 60."
  }
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

# --- WAF (optional) ----------------------------------------------------------------------------------

variable "enable_waf" {
  description = "Attach an AWS WAF web ACL with a rate-based rule to the distribution."
  type        = bool
  default     = false
}

variable "waf_rate_limit" {
  description = "Requests per 5 minutes per client IP before WAF blocks it."
  type        = number
  default     = 300
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = { Project = "chatbot-tutor" }
}
