# The existing Cognito stack's outputs, with variables that replace them for a stack without that state.

data "terraform_remote_state" "cognito" {
  count   = var.cognito_state_bucket == null ? 0 : 1
  backend = "s3"

  config = {
    bucket = var.cognito_state_bucket
    key    = var.cognito_state_key
    region = coalesce(var.cognito_state_region, var.aws_region)
  }
}

locals {
  cognito_outputs = try(data.terraform_remote_state.cognito[0].outputs, {})

  cognito_provider_url = try(coalesce(
    var.cognito_user_pool_provider_url,
    try(local.cognito_outputs.cognito_user_pool_provider_url, null),
  ), null)

  # The pool id is the last path segment of the provider URL (cognito-idp.<region>.amazonaws.com/<poolId>).
  cognito_user_pool_id = coalesce(
    var.cognito_user_pool_id,
    try(local.cognito_outputs.cognito_user_pool_id, null),
    try(regex("[^/]+$", local.cognito_provider_url), null),
  )

  cognito_client_id = coalesce(
    var.cognito_user_pool_client_id,
    try(local.cognito_outputs.cognito_user_pool_client_id, null),
  )
}
