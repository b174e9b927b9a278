"""What an operator sees of a running gateway: logs, metrics and traces."""
