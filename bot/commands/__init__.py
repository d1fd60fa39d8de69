"""Subcommands of the `shopsafe` CLI, one module per area."""
