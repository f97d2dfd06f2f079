"""The local research UI: SPARQL endpoint, entity and document pages (``ecokg serve``)."""

from __future__ import annotations

from ecokg.web.app import App, make_app
from ecokg.web.server import serve

__all__ = ["App", "make_app", "serve"]
