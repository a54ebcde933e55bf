"""Whether a value answers its question: the one judgement every command uses.

A value is *answered* (it says something), *documented as none* (an explicit "no": a false
flag, `present: false` with its reason), a *placeholder* (text that fills the field without
answering it: `TBD`, `[More Information Needed]`, a copied template instruction) or *missing*.
The linter, coverage, the renderer and the importers all ask :func:`judge`, so that "Coming
soon." cannot be an answer to one command and a gap to another.
"""

from __future__ import annotations

import enum
import functools
import re
import string
from dataclasses import dataclass
from typing import Any

MIN_WORDS = 4


class State(enum.Enum):
    ANSWERED = "answered"
    NONE = "documented as none"
    PLACEHOLDER = "placeholder"
    MISSING = "missing"

    @property
    def says_something(self) -> bool:
        """Answered, or documented as none: either way, a reader learns the fact."""
        return self in (State.ANSWERED, State.NONE)


@dataclass(frozen=True)
class Judgement:
    state: State
    placeholder: str | None = None  # the placeholder text, shortened, when state is PLACEHOLDER

    @property
    def says_something(self) -> bool:
        return self.state.says_something


# --- the placeholder vocabulary ----------------------------------------------------------------

# Whole values that stand in for an answer nobody wrote.
_FILLER = re.compile(
    r"""^(?:
        tbd|tbc|tba|todo|to\ ?do|fixme|xxx+|n/?a|n\.a\.|not\ applicable|none\ provided|unspecified
        |-+|\?+|\.+|…|_+
        |more\ info(?:rmation)?\ (?:needed|required)|needs?\ more\ info(?:rmation)?
        |to\ be\ (?:determined|decided|confirmed|completed|added|written|filled(?:\ in)?|announced|defined)
        |coming\ soon|placeholder|lorem\ ipsum.*|fill\ (?:this\ )?in(?:\ later)?|later|optional|required
        |insert\ (?:text|here)|your\ (?:text|answer)\ here|see\ above|see\ below
    )[.!]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Prompts left from a template: bracketed or angled instructions, template slots, a question.
_PROMPT = re.compile(
    r"""^(?:
        \[[^\]]*\](?:\(\s*\))?                       # [More Information Needed], [Optional], [Add URL here]()
        |<[a-z][a-z ,.'’-]*\ [a-z ,.'’-]*>          # <describe the dataset> (not HTML, not an autolink)
        |\{\{?[^{}]*\}\}?                           # {{ purpose }}, { dataset_summary }
        |(?:todo|tbd|fixme)\b.*                     # TODO: write this
        |(?:if\ [^,.]{1,80},\ )?(?:please\ )?(?:describe|provide|explain|list|insert|enter|specify|fill\ in|add
          |include|give|state)\b.*\b(?:here|below|above)\b[.:]?   # (If known,) describe the data here.
        |(?:who|what|why|how|when|where|which|is|are|was|were|did|does|do)\b[^.]*\?  # a question
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
# Instructions addressed to the card's author, as card templates phrase them ("List the people
# involved in collecting the dataset ...", "Provide the license and link ...").
_INSTRUCTION = re.compile(
    r"""^(?:please\ |if\ (?:applicable|available|known|relevant|possible),?\ )?
        (?:briefly\ )?(?:describe|provide|list(?!\ of\b)|state\ whether|summari[sz]e|give|explain|include
          |mention|outline|discuss|add|name|cite)\b
        .*\b(?:the|this|your)\ (?:dataset|data|card|annotations?|annotators|license|licen[cs]ing|curators?)\b""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
# Sentences that card templates put in front of their sections; their presence says nothing.
_TEMPLATE_OPENINGS = (
    "this dataset card aims to be a base template",
    "provide a quick summary of the dataset",
    "provide a longer summary of what this dataset is",
    "provide the basic links for the dataset",
    "this section describes suitable use cases",
    "this section addresses misuse, malicious use",
    "this section describes the source data",
    "this section describes the people or systems",
    "users should be made aware of the risks, biases and limitations",
    "if the dataset contains annotations which are not part of the initial data collection",
    "if studies of the datasets have outlined other limitations",
    "for each of the tasks tagged for this dataset",
    "what need motivated the creation of this dataset",
)
# A Jinja slot left unrendered: `{{ dataset_summary | default(...) }}` (BibTeX's `{{Name}}` has
# no space after the braces and is kept).
_TEMPLATE_SLOT = re.compile(r"\{\{\s+\w")
# A `<` after a backslash is text, not a comment (datacard's exports escape a `<` that way).
_COMMENT = re.compile(r"(?<!\\)<!--.*?-->", re.DOTALL)
# Markers left inside otherwise real text: "Tickets from the helpdesk. TBD - add more detail."
_MARKER = re.compile(
    r"(?<![\w-])(?:TBD|TBC|TODO|FIXME|XXX)(?![\w-])"
    r"|\[\s*(?:more\ information\ needed|needs\ more\ information)\s*\](?:\([^()\s]*\))?",
    re.IGNORECASE | re.VERBOSE,
)
_SHORT = 60


def normalise(text: str) -> str:
    """Text without HTML comments, with runs of white space as single spaces."""
    return " ".join((_COMMENT.sub(" ", text) if "<!--" in text else text).split())


def _shorten(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 3] + "..."


# Keys whose values are codes, not prose: a language tag, a licence id, an identifier, a format.
# Prose fillers do not apply to them (`na` is Nauru's language, not "n/a"); only the markers
# nobody writes as a code do.
CODE_KEYS = frozenset({
    "tag", "id", "languages", "license", "access", "identifiers", "tasks", "ml_uses", "formats",
    "dataset", "datacard", "url", "email", "doi", "homepage", "raw_data_url", "keywords",
    "first_languages", "fields", "values", "labels", "type", "kind", "status", "relation", "methods",
    "modalities", "subjects", "categories", "creators", "content_creators", "size_category",
    "multilinguality", "schema_version", "cadence", "identifiability",
})
_CODE_FILLER = re.compile(r"^(?:tbd|tbc|tba|todo|fixme|xxx+|\?+|-+|\.+|_+|…)$", re.IGNORECASE)


def placeholder(value: Any, key: str | None = None) -> str | None:
    """The placeholder a text consists of (shortened; "" for empty text), or None when it is an
    answer or not text. ``key`` is the field that holds it: a code field (:data:`CODE_KEYS`) is
    judged as a code, not as prose."""
    if not isinstance(value, str):
        return None
    return _placeholder(value, key if key in CODE_KEYS else None)


# The linter asks about each text more than once (its placeholder rule, then marker(), which
# asks again): the last few answers are kept.
@functools.lru_cache(maxsize=256)
def _placeholder(value: str, key: str | None) -> str | None:
    text = normalise(value)
    if not text:
        return ""
    if key in CODE_KEYS:
        return _shorten(text) if _CODE_FILLER.match(text) else None
    if ((_may_open_prompt(text) and (_FILLER.match(text) or _PROMPT.match(text)
                                     or (len(text) < 400 and _INSTRUCTION.match(text))))
            or ("{{" in text and _TEMPLATE_SLOT.search(text)) or (text[0] == "[" and _link_placeholder(text))
            or text.lower().startswith(_TEMPLATE_OPENINGS)):
        return _shorten(text)
    return None


# Every word a match of _FILLER, _PROMPT or _INSTRUCTION can open with, in lower case (and any
# run of x: `xxx+`). Most answers open with another word and skip those three expressions,
# which cost a microsecond each: case-insensitive alternations are tried one by one.
# tests/test_verdict.py checks every match of the three against this list.
_OPENING_WORDS = frozenset({
    # _FILLER
    "tbd", "tbc", "tba", "todo", "to", "fixme", "n", "na", "not", "none", "unspecified", "more", "need", "needs",
    "coming", "placeholder", "lorem", "fill", "later", "optional", "required", "insert", "your", "see",
    # _PROMPT
    "if", "please", "describe", "provide", "explain", "list", "enter", "specify", "add", "include", "give",
    "state", "who", "what", "why", "how", "when", "where", "which", "is", "are", "was", "were", "did", "does",
    "do",
    # _INSTRUCTION
    "briefly", "summarise", "summarize", "mention", "outline", "discuss", "name", "cite",
})


def _may_open_prompt(text: str) -> bool:
    """False when ``text`` (normalised, not empty) cannot match _FILLER, _PROMPT or _INSTRUCTION:
    it opens with a word of ASCII letters that none of them opens with."""
    run = len(text) - len(text.lstrip(string.ascii_letters))
    if run == 0 or (run < len(text) and text[run] >= "\x80"):
        # No ASCII word first (symbols: `-`, `[`, `<`, ...), or one that runs on into other
        # letters, which case-insensitive matching may read as ASCII (`ſ` as `s`): ask them.
        return True
    word = text[:run].lower()
    return word in _OPENING_WORDS or not word.strip("x")


_LINK = re.compile(r"^\[([^\]]*)\]\(([^()\s]*)\)$")


def _link_placeholder(text: str) -> bool:
    """A link whose text is a placeholder: `[More Information Needed](https://...#contribute)`."""
    match = _LINK.match(text)
    return match is not None and placeholder(match.group(1).strip()) is not None


def marker(value: Any, key: str | None = None) -> str | None:
    """A placeholder marker inside otherwise real text (`... TBD ...`), or None (a code field has
    no markers: it is one code)."""
    if not isinstance(value, str) or key in CODE_KEYS or placeholder(value) is not None:
        return None
    found = _MARKER.search(value)
    return found.group(0) if found else None


def without_markers(text: str) -> str:
    """Real text with its placeholder markers removed (importers keep the prose, not the marker)."""
    return " ".join(_MARKER.sub(" ", text).split()) if _MARKER.search(text) else text


def clean_text(text: str | None) -> str | None:
    """Text as an importer keeps it: HTML comments removed, trimmed; None when it says nothing."""
    if text is None:
        return None
    stripped = _COMMENT.sub("", text).strip()
    return None if placeholder(stripped) is not None else stripped


def too_short(value: Any, min_words: int = MIN_WORDS) -> bool:
    """Prose with fewer than ``min_words`` words (a placeholder is judged apart)."""
    if not isinstance(value, str) or placeholder(value) is not None:
        return False
    return len(re.findall(r"\w+", value)) < min_words


# --- the judgement -----------------------------------------------------------------------------

_ANSWERED = Judgement(State.ANSWERED)
_NONE = Judgement(State.NONE)
_MISSING = Judgement(State.MISSING)


def judge(value: Any, key: str | None = None) -> Judgement:
    """Whether ``value`` (plain data: text, number, flag, list, mapping) answers its question;
    ``key`` is the field that holds it (a code field is judged as a code).

    Lists and mappings take the best state of their parts: one answered item answers; a list of
    placeholders is a placeholder; an empty list is missing. ``False`` documents a "no".
    """
    if value is None:
        return _MISSING
    if isinstance(value, bool):
        return _ANSWERED if value else _NONE
    if isinstance(value, str):
        found = placeholder(value, key)
        if found is None:
            return _ANSWERED
        return _MISSING if found == "" else Judgement(State.PLACEHOLDER, found)
    if isinstance(value, (list, tuple, dict)):
        parts = value.items() if isinstance(value, dict) else ((key, v) for v in value)
        best = _MISSING
        for part_key, part in parts:
            verdict = judge(part, part_key)
            if verdict.state is State.ANSWERED:
                return verdict
            if _RANK[verdict.state] > _RANK[best.state]:
                best = verdict
        return best
    return _ANSWERED  # numbers, dates: a fact


_RANK = {State.MISSING: 0, State.PLACEHOLDER: 1, State.NONE: 2, State.ANSWERED: 3}


def says_something(value: Any, key: str | None = None) -> bool:
    return judge(value, key).says_something
