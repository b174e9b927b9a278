"""The HTTP edge: request ids, error answers, body and rate limits, security headers."""
