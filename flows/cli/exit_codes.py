"""What `attest` exits with; scripts and the Helm chart's jobs read these."""

EXIT_OK, EXIT_FAILED_DOCS, EXIT_USAGE, EXIT_CHAIN_BROKEN = 0, 1, 2, 3
