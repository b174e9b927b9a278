"""Who is asking and what they may do: tokens, the authorization policy, the access log, redaction, encryption."""
