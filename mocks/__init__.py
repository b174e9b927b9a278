"""Imitation agency systems: somebody else's systems, so nothing here imports the gateway."""
