"""The HTTP service: `create_app(settings)` for ASGI servers, `serve(settings, host, port)` for the CLI."""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
