"""Where each agency's system is: endpoints as data, registration, health checks, seeding, look-ups."""
