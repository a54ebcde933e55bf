"""Rendering datasheets for people: Markdown, built section by section in plain Python
(:mod:`datacard.render.page`), every value escaped by :mod:`datacard.render.filters`.
"""

from __future__ import annotations

from datacard.render.markdown import render_markdown

__all__ = ["render_markdown"]
