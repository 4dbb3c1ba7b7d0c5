"""CLI commands beyond check and schema; each module registers on oep_build.cli.main."""
