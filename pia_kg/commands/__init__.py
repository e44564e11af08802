"""The subcommands of ``pia-kg``, one module each."""
