"""Judging free text: placeholders, template prompts, and text too short to say anything."""

from __future__ import annotations

import re
from typing import Any

# Whole values that stand in for an answer nobody wrote.
_PLACEHOLDER = re.compile(
    r"""^(?:
        tbd|tbc|tba|todo|to\ ?do|fixme|xxx+|n/?a|n\.a\.|not\ applicable\.?|-+|\?+|\.{2,}|…
        |more\ information\ needed|more\ info(?:rmation)?\ needed|needs?\ more\ information
        |to\ be\ (?:determined|decided|confirmed|completed|added|written|filled(?:\ in)?|announced)
        |coming\ soon|placeholder|lorem\ ipsum.*|fill\ (?:this\ )?in(?:\ later)?|later
    )[.!]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Template prompts: bracketed instructions, Jinja/mustache slots, copied datasheet questions.
_PROMPT = re.compile(
    r"""^(?:
        \[[^\]]*\]                                  # [More Information Needed], [Describe ...]
        |<[^>]*>                                    # <describe the dataset>
        |\{\{.*\}\}                                 # {{ purpose }}
        |(?:todo|tbd|fixme)\b.*                     # TODO: write this
        |(?:please\ )?(?:describe|provide|explain|list|insert|enter|specify|fill\ in|add)\b
          .*\b(?:here|below|above)\b[.:]?           # Describe the data here.
        |(?:who|what|why|how|when|where|which|is|are|was|were|did|does|do)\b[^.]*\?  # a question
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

MIN_WORDS = 4
# Markers left in otherwise real text: "Tickets from the helpdesk. TBD - add more detail."
_MARKER = re.compile(r"(?<![\w-])(?:TBD|TBC|TODO|FIXME|XXX)(?![\w-])|\[more information needed\]",
                     re.IGNORECASE)


def normalise(text: str) -> str:
    return " ".join(text.split())


def placeholder(value: Any) -> str | None:
    """The placeholder a value consists of, or None when it is a real answer (or not text)."""
    if not isinstance(value, str):
        return None
    text = normalise(value)
    if not text:
        return ""  # empty text is a placeholder too; messages say "empty" rather than quote it
    if _PLACEHOLDER.match(text) or _PROMPT.match(text):
        return text if len(text) <= 60 else text[:57] + "..."
    return None


def marker(value: Any) -> str | None:
    """A placeholder marker inside otherwise real text (`... TBD ...`), or None."""
    if not isinstance(value, str):
        return None
    found = _MARKER.search(value)
    return found.group(0) if found else None


def too_short(value: Any, min_words: int = MIN_WORDS) -> bool:
    """Prose with fewer than ``min_words`` words (and no placeholder, which is judged apart)."""
    if not isinstance(value, str) or placeholder(value) is not None:
        return False
    return len(re.findall(r"\w+", value)) < min_words


def is_blank(value: Any) -> bool:
    """Missing, empty, or nothing but placeholders."""
    if value is None:
        return True
    if isinstance(value, str):
        return placeholder(value) is not None
    if isinstance(value, list):
        return all(is_blank(v) for v in value)
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    return False
