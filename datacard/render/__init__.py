"""Rendering datasheets for people: Markdown through Jinja2 templates.

Jinja2 is imported only when something is rendered, so importing this package is cheap.
"""

from __future__ import annotations

from datacard.render.markdown import render_markdown

__all__ = ["render_markdown"]
