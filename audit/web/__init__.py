"""The review web app for compliance officers (`attest serve`)."""

from audit.web.app import BundleWriter, create_app

__all__ = ["BundleWriter", "create_app"]
