from alembic.script import ScriptDirectory

from gateway.store.migrate import alembic_config


def test_the_migrations_form_one_chain_with_a_single_head() -> None:
    """Migrations written on parallel branches must be chained before they land: two heads stop every start."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()}; set down_revision to chain them"
