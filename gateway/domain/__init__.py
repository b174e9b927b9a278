"""Pure rules of the plan: the item catalogue, transitions, applicability, deadlines, identity checks. No I/O."""
