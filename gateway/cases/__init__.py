"""What people do to a case: apply, validate, review, correct, withdraw, read, the timeline."""
