"""Offline training code: run by `make`, never imported by the pipeline (an import-linter
contract in pyproject.toml keeps it so)."""
