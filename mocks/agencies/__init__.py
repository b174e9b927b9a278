"""One module per agency system, each mounted at /{SLUG} with its own fields and answering style."""
