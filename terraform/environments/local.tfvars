# Variable values of the offline stack (read by emulator/terraform, never by a deployment).
# A developer's own git-ignored terraform/local.tfvars is read after this file and wins.

# The playground's origins (docs/interfaces.md: playground on 127.0.0.1:5173).
frontend_origins = ["http://127.0.0.1:5173", "http://localhost:5173"]
