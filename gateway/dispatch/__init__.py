"""The outbox worker: jobs, preparation, delivery to agencies, recording their answers, call-backs."""
