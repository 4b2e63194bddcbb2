"""vaultlint: a linter and formatter for Obsidian vaults."""

__version__ = "0.1.0"
