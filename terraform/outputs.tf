output "cloudfront_domain_name" {
  description = "The distribution's domain name."
  value       = aws_cloudfront_distribution.chatbot.domain_name
}

output "chatbot_api_endpoint" {
  description = "Value for the frontend's NEXT_PUBLIC_CHATBOT_API_ENDPOINT: the client POSTs to exactly this URL."
  value       = "https://${aws_cloudfront_distribution.chatbot.domain_name}/chatbot"
}

output "cloudfront_distribution_id" {
  description = "For cache invalidations and the WAF console."
  value       = aws_cloudfront_distribution.chatbot.id
}

output "function_name" {
  description = "The Lambda function's name."
  value       = aws_lambda_function.chatbot.function_name
}

output "function_url" {
  description = "The Function URL (AWS_IAM: answers only requests signed by this distribution)."
  value       = aws_lambda_function_url.chatbot.function_url
}
