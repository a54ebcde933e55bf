"""The Markdown page of a datasheet, built in plain Python, section by section.

The order follows a reader's questions: what the data is for, what is in it, where it comes
from, what can go wrong, and on what terms it can be had (docs/render.md says why).

Every value is printed through a function of :mod:`datacard.render.filters` (:func:`shown` when
nothing more specific applies), so user text is always escaped, and a text that only fills its
field is shown as a gap. The page is a list of lines; an empty string is a blank line, and
:func:`datacard.render.markdown.tidy` collapses runs of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from datacard.context import Gap
from datacard.render import tables
from datacard.render.filters import (
    PLACEHOLDER_CODE,
    Safe,
    block,
    cell,
    citation,
    code,
    identifier,
    is_url,
    joined,
    label,
    labels,
    link,
    literal,
    measured,
    name,
    number,
    prose_with_code,
    shown,
    size,
    text,
)


def gap(g: Gap) -> str:
    """A gap in the context, as datacard.context judges it (the placeholder quoted as written)."""
    held = f': holds only "{literal(g.placeholder)}"' if g.placeholder else ""
    return f"*Not documented{held}* ({shown(g.need.code)})."


def agent(a: Any) -> str:
    """A person or organisation: linked name, affiliation, roles, e-mail."""
    out = str(link(a.url, a.name))
    if a.affiliation:
        out += f" ({shown(a.affiliation)})"
    if a.roles:
        out += f", {joined([text(r) for r in a.roles])}"
    if a.email:
        out += f", {shown(a.email)}"
    return out


def span(t: Any) -> Safe:
    """A time span: "2017 to 2019: description", "from 2017", "until 2019"."""
    start, end = t.start, t.end
    if start and end and start == end:
        out = str(shown(start))
    elif start and end:
        out = f"{shown(start)} to {shown(end)}"
    elif start:
        out = f"from {shown(start)}"
    elif end:
        out = f"until {shown(end)}"
    else:
        out = ""
    if t.description:
        out += f"{': ' if start or end else ''}{shown(t.description)}"
    return Safe(out)


def _maybe(show: Any, value: Any) -> Any:
    """``show(value)`` when the value is set (truthy), else None: an item left out."""
    return show(value) if value else None


class Page:
    """The lines of one page, and the context gaps of its datasheet by need id."""

    def __init__(self, gaps: dict[str, Gap]) -> None:
        self.lines: list[str] = []
        self.gaps = gaps

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def gap(self, need: str) -> Gap | None:
        return self.gaps.get(need)

    def item(self, label_: str, value: Any) -> None:
        """A "- **Label:** value" line, only when the value is present."""
        if value is not None and value != [] and value != "":  # a flag's "no" is shown; empty text is not
            self.lines.append(f"- **{shown(label_)}:** {shown(value)}")

    def items(self, pairs: Iterable[tuple[str, Any]]) -> None:
        for label_, value in pairs:
            self.item(label_, value)

    def context_item(self, label_: str, g: Gap | None, value: Any) -> None:
        """An item for a piece of context: the gap when the need is one."""
        if g:
            self.lines.append(f"- **{shown(label_)}:** {gap(g)}")
        else:
            self.item(label_, value)

    def statement(self, flag: Any, yes: str, no: str) -> None:
        """A flag as a sentence: "- The raw data was kept."."""
        if flag is True:
            self.lines.append(f"- {shown(yes)}")
        elif flag is False:
            self.lines.append(f"- {shown(no)}")

    def none_statement(self, what: str, reason: Any) -> None:
        self.lines.append(f"**{shown(what)}**{' ' + shown(reason) if reason else ''}")

    def bullets(self, values: Iterable[Any]) -> None:
        self.lines.extend(f"- {shown(x)}" for x in values)

    def risks(self, risks: Iterable[Any]) -> None:
        for r in risks:
            mitigation = f" *Mitigation:* {shown(r.mitigation)}" if r.mitigation else ""
            self.lines.append(f"- {shown(r.description)}{mitigation}")

    def demographics(self, d: Any) -> None:
        self.items((
            ("Description", d.description),
            ("Number of people", number(d.count) if d.count is not None else None),
            ("Age", d.age),
            ("Gender", d.gender),
            ("Race or ethnicity", d.race_ethnicity),
            ("First languages", joined(d.first_languages)),
            ("Proficiency", d.proficiency),
            ("Socioeconomic status", d.socioeconomic_status),
            ("Location", d.location),
            ("Disordered speech", d.disordered_speech),
            ("Training", d.training),
            ("Compensation", getattr(d, "compensation", None)),  # annotators have it, speakers not
            ("Other", d.other),
        ))


def build(ds: Any, gaps: dict[str, Gap], placeholders: Sequence[tuple[str, str]], marker: str,
          not_about_people: bool) -> str:
    """The page's text before :func:`~datacard.render.markdown.tidy`."""
    page = Page(gaps)
    _head(page, ds, marker)
    _application(page, ds.application)
    _composition(page, ds.composition)
    origin = ds.origin
    _origin(page, origin)
    _people(page, origin.people if origin else None)
    _ethics(page, origin.ethics if origin else None, not_about_people)
    _risks(page, ds.application)
    _audience(page, ds.audience)
    _closing(page, ds, placeholders)
    page.add("")
    return "\n".join(page.lines)


def _head(page: Page, ds: Any, marker: str) -> None:
    u, c = ds.audience, ds.composition
    page.add(marker, "", f"# {shown(ds.title) if ds.title else literal(ds.name)}", "")
    if ds.summary:
        page.add(block(ds.summary), "")
    page.add("| Property | Value |", "|---|---|", f"| Name | {code(ds.name)} |")
    if ds.version:
        page.add(f"| Version | {cell(ds.version)} |")
    if ds.identifiers:
        page.add(f"| Identifiers | {'<br>'.join(identifier(i) for i in ds.identifiers)} |")
    if ds.homepage:
        page.add(f"| Homepage | {link(ds.homepage)} |")
    if ds.keywords:
        page.add(f"| Keywords | {cell(joined(ds.keywords))} |")
    if u and u.license and not page.gap("license"):
        licence = (shown("not an SPDX licence (see Licence below)") if u.license.id == "other"
                   else cell(literal(u.license.id)))
        page.add(f"| Licence | {licence} |")
    if c and c.count is not None:
        page.add(f"| Instances | {shown(number(c.count))} |")
    if c and c.size_bytes is not None:
        page.add(f"| Size | {shown(size(c.size_bytes))} |")
    if c and c.languages and not page.gap("language"):
        page.add(f"| Languages | {', '.join(literal(lang.tag) for lang in c.languages)} |")
    page.add("")


def _application(page: Page, a: Any) -> None:
    page.add("## Application", "", "### Purpose", "")
    g = page.gap("purpose")
    page.add(gap(g) if g else block(a.purpose), "")
    g = page.gap("intended-uses")
    if g or (a and a.intended_uses):
        page.add("### Intended uses", "")
        if g:
            page.add(gap(g))
        else:
            page.bullets(a.intended_uses)
        page.add("")
    show_tasks = a and a.tasks and not g
    if show_tasks or (a and a.ml_uses):
        page.add("### Tasks", "")
        if show_tasks:
            page.item("Tasks", joined(a.tasks))
        page.item("Machine-learning uses", _maybe(labels, a.ml_uses))
        page.add("")
    page.add("### Out-of-scope uses", "")
    g = page.gap("out-of-scope-uses")
    if g:
        page.add(gap(g))
    else:
        page.bullets(a.out_of_scope_uses)
    page.add("")
    if a and a.prior_uses:
        page.add("### Prior uses", "")
        for r in a.prior_uses:
            page.add(f"- {shown(r.description)}{' ' + link(r.url) if r.url else ''}")
        page.add("")


def _composition(page: Page, c: Any) -> None:
    page.add("## Composition", "")
    if c:
        page.items((
            ("Instances", number(c.count) if c.count is not None else None),
            ("Size category", _maybe(label, c.size_category)),
            ("Modalities", _maybe(labels, c.modalities)),
            ("Size", size(c.size_bytes) if c.size_bytes is not None else None),
            ("Label", c.label),
            ("Multilinguality", _maybe(label, c.multilinguality)),
            ("Measured", _maybe(measured, c.measured)),
        ))
        if c.sample:
            page.statement(c.sample.is_sample, "The data is a sample of a larger set.",
                           "The data is the whole set, not a sample of a larger one.")
            page.item("Population", c.sample.population)
            page.item("Representativeness", c.sample.representativeness)
        page.add("")
        if c.instance:
            page.add("### Instances", "", prose_with_code(c.instance), "")
    page.add("### Languages", "")
    g = page.gap("language")
    if g:
        page.add(gap(g))
    elif c and c.languages:
        page.add(tables.languages_table(c.languages))
    else:
        page.add("Not applicable: the data holds neither text nor speech.")
    page.add("")
    if c and c.splits:
        page.add("### Splits", "", tables.splits_table(c.splits, c.count))
        if c.split_rationale:
            page.add("", block(c.split_rationale))
        page.add("")
    if c and c.fields:
        page.add("### Fields", "", tables.fields_table(c.fields), "")
    if c and (c.missing_data or c.errors or c.relationships or c.external_resources or c.capture_quality):
        page.add("### Data quality", "")
        page.items((("Missing data", c.missing_data), ("Errors and noise", c.errors),
                    ("Relationships", c.relationships), ("External resources", c.external_resources),
                    ("Capture quality", c.capture_quality)))
        page.add("")
    _sensitive(page, c.sensitive if c else None)
    _offensive(page, c.offensive if c else None)


def _sensitive(page: Page, sen: Any) -> None:
    page.add("### Sensitive data", "")
    g = page.gap("sensitive")
    if g:
        page.add(gap(g))
    elif sen and sen.present is False:
        page.none_statement("None known.", sen.reason)
    elif sen:
        page.statement(sen.present, "The data contains personal or sensitive information.", "")
        page.items((
            ("Categories", _maybe(labels, sen.categories)),
            ("Fields", Safe(", ".join(name(f) for f in sen.fields)) if sen.fields else None),
            ("Handling", sen.handling),
            ("Note", sen.reason),
        ))
    page.add("")


def _offensive(page: Page, off: Any) -> None:
    if off:
        page.add("### Offensive content", "")
        if off.present is False:
            page.none_statement("None known.", off.reason)
        else:
            page.statement(off.present,
                           "The data contains content that some readers may find offensive or distressing.", "")
            page.item("Description", off.description)
            page.item("Note", off.reason)
    page.add("")


def _origin(page: Page, o: Any) -> None:
    page.add("## Origin", "", "### Creators", "")
    g = page.gap("creators")
    if g:
        page.add(gap(g))
    else:
        page.add(*(f"- {agent(x)}" for x in o.creators))
    page.add("")
    if o and o.funding:
        page.add("### Funding", "")
        for f in o.funding:
            page.add(f"- {link(f.url, f.funder)}{', grant ' + shown(f.grant) if f.grant else ''}")
        page.add("")
    page.add("### Sources", "")
    g = page.gap("sources")
    if g:
        page.add(gap(g))
    else:
        page.add(*(_source(s) for s in o.sources))
    page.add("")
    _collection(page, o.collection if o else None)
    _preprocessing(page, o.preprocessing if o else None)
    _annotation(page, o.annotation if o else None)


def _source(s: Any) -> str:
    """One source: `relation: original` alone names no source (the data derives from none)."""
    named = s.name or s.dataset or s.datacard or s.url
    out = f"- **{shown(named)}**" if named else "- Collected first-hand: derived from no other dataset"
    if s.relation and named:
        out += f" ({shown(text(s.relation))})"
    if s.description:
        out += f": {shown(s.description)}"
    if s.url and s.name:
        out += f" {link(s.url)}"
    if s.dataset and s.name:
        out += f" Dataset: {shown(s.dataset)}."
    if s.datacard and (s.name or s.dataset):
        out += f" Datasheet: {shown(s.datacard)}."
    if s.license:
        out += f" Licence: {shown(s.license)}."
    return out


def _collection(page: Page, col: Any) -> None:
    page.add("### Collection", "")
    g = page.gap("collection")
    if col and col.description and not g:
        page.add(block(col.description), "")
    page.context_item("Methods", g, labels(col.methods) if col and col.methods else None)
    if col:
        page.item("Mechanisms", col.mechanisms)
        page.item("Criteria", col.criteria)
        if col.sampling:
            page.item("Sampling", _maybe(label, col.sampling.method))
            page.item("Sampling strategy", col.sampling.description)
        if col.collectors:
            page.item("Collectors", col.collectors.description)
            page.item("Collectors' compensation", col.collectors.compensation)
    g = page.gap("timeframe")
    page.context_item("Timeframe", g, span(col.timeframe) if col and col.timeframe else None)
    if col:
        if not g:
            page.item("Content created", _maybe(span, col.content_timeframe))
        page.items((
            ("Content created by", _maybe(labels, col.content_creators)),
            ("Places", joined(col.places, "; ")),
            ("Cadence", _maybe(label, col.cadence)),
            ("Validation", col.validation),
        ))
    page.add("")


def _preprocessing(page: Page, pre: Any) -> None:
    if not pre:
        return
    page.add("### Preprocessing", "")
    if pre.description:
        page.add(block(pre.description), "")
    for index, step in enumerate(pre.steps, 1):
        kind = f"*{label(step.kind)}*: " if step.kind else ""
        tool = f" (tool: {shown(step.tool)})" if step.tool else ""
        page.add(f"{shown(index)}. {kind}{shown(step.description)}{tool}")
    if pre.steps:
        page.add("")
    page.items((
        ("Imputation", pre.imputation),
        ("Other manipulation", pre.manipulation),
    ))
    page.statement(pre.raw_data_retained, "The raw data was kept.", "The raw data was not kept.")
    page.item("Raw data", _maybe(link, pre.raw_data_url))
    page.item("Software", pre.software)
    page.add("")


def _annotation(page: Page, ann: Any) -> None:
    process, annotators = page.gap("annotation-process"), page.gap("annotators")
    if not (ann or process or annotators):
        return
    page.add("### Annotation", "")
    if ann and ann.labelled is False:
        page.none_statement("Not labelled.", ann.reason)
        page.add("")
        return
    page.context_item("Process", process, ann.process if ann else None)
    if ann:
        guidelines = link(ann.guidelines) if ann.guidelines is not None and is_url(ann.guidelines) else ann.guidelines
        page.items((
            ("Created by", _maybe(labels, ann.creators)),
            ("Labels", joined(ann.labels)),
            ("Platform", ann.platform),
            ("Guidelines", guidelines),
            ("Labels per item", number(ann.per_item) if ann.per_item is not None else None),
        ))
        if ann.agreement:
            page.items((
                ("Agreement", ann.agreement.metric),
                ("Agreement value", ann.agreement.value),
                ("Agreement notes", ann.agreement.description),
            ))
        page.items((
            ("Analysis", ann.analysis),
            ("Machine tools", joined(ann.machine_tools)),
            ("Note", ann.reason),
        ))
    page.add("")
    if annotators:
        page.add("#### Annotators", "", gap(annotators))
    elif ann and ann.annotators:
        page.add("#### Annotators", "")
        page.demographics(ann.annotators)
    page.add("")


def _people(page: Page, ppl: Any) -> None:
    page.add("### People in the data", "")
    g = page.gap("people")
    if g:
        page.add(gap(g))
    elif ppl and ppl.about_people is False:
        page.none_statement("Not about people.", ppl.reason)
    elif ppl:
        if ppl.description:
            page.add(block(ppl.description), "")
        page.item("Subjects", _maybe(labels, ppl.subjects))
    if ppl and ppl.about_people is not False:
        page.item("Note", ppl.reason)
        page.statement(ppl.identifiable, "Individuals can be identified in the data.",
                       "Individuals cannot be identified in the data.")
        page.item("Identifiability", _maybe(label, ppl.identifiability))
        page.add("")
        if ppl.speakers and not g:
            page.add("", "#### Speakers", "")
            page.demographics(ppl.speakers)
        if ppl.subpopulations and not g:
            page.add("", "#### Subpopulations", "", tables.subpopulations_table(ppl.subpopulations))
        sit = ppl.speech_situation
        if sit:
            page.add("", "#### Speech situation", "")
            page.items((
                ("Time", sit.time),
                ("Place", sit.place),
                ("Modality", _maybe(labels, sit.modality)),
                ("Scripted or spontaneous", sit.scripted),
                ("Synchronous or asynchronous", sit.synchronous),
                ("Speakers' intended audience", sit.intended_audience),
                ("Genre", sit.genre),
                ("Topic", sit.topic),
                ("Context", sit.context),
            ))
    page.add("")


def _status(record: Any) -> Any:
    """A review's or consent's status as a label, "described" when it only describes; None
    when there is no record."""
    if not record:
        return None
    return label(record.status) if record.status else "described"


def _ethics(page: Page, eth: Any, not_about_people: bool) -> None:
    page.add("### Ethics", "")
    g = page.gap("consent")
    if g:
        page.add(gap(g))
    elif not_about_people and not eth:
        page.add("Not applicable: the data is not about people.")
    if eth:
        if not g:
            review, consent = eth.review, eth.consent
            page.item("Ethics review", _status(review))
            if review:
                page.items((
                    ("Review board", review.board),
                    ("Review reference", review.reference),
                    ("Review outcome", _maybe(link, review.url)),
                    ("Review notes", review.description),
                ))
            page.item("Consent", _status(consent))
            if consent:
                page.items((
                    ("How consent was sought", consent.description),
                    ("Notice", consent.notice),
                    ("Consent wording", consent.wording),
                    ("Revocation", consent.revocation),
                ))
        page.item("Impact assessment", eth.impact_assessment)
        page.item("Conflicts of interest", eth.conflicts_of_interest)
    page.add("")


def _risks(page: Page, a: Any) -> None:
    page.add("## Risks and limitations", "")
    g = page.gap("risks")
    if g:
        page.add(gap(g), "")
    if a and a.biases and not g:
        page.add("### Biases", "")
        page.risks(a.biases)
        page.add("")
    if a and a.limitations and not g:
        page.add("### Limitations", "")
        page.risks(a.limitations)
        page.add("")
    if a and a.social_impact:
        page.add("### Social impact", "", block(a.social_impact), "")
    if a and a.recommendations:
        page.add("### Recommendations", "", block(a.recommendations), "")


def _audience(page: Page, u: Any) -> None:
    page.add("## Audience", "", "### Intended users", "")
    g = page.gap("intended-users")
    if g:
        page.add(gap(g))
    else:
        page.bullets(u.intended_users)
    page.add("", "### Access", "")
    g = page.gap("access")
    if g:
        page.add(gap(g))
    else:
        access = u.access
        page.items((
            ("Access", _maybe(label, access.type)),
            ("Conditions", access.conditions),
            ("Prerequisites", access.prerequisites),
            ("Where", _maybe(link, access.url)),
        ))
    page.add("", "### Licence", "")
    g = page.gap("license")
    if g:
        page.add(gap(g))
    else:
        lic = u.license
        code_ = f" ({literal(lic.id)})" if lic.name and lic.id != "other" else ""
        page.add(f"- **Licence:** {link(lic.url, lic.name or literal(lic.id))}{code_}")
        page.item("Details", lic.details)
    page.item("Terms of use", u.terms_of_use if u else None)
    page.add("")
    _distribution(page, u.distribution if u else None)
    _maintenance(page, u.maintenance if u else None)


def _distribution(page: Page, dist: Any) -> None:
    if not dist:
        return
    page.add("### Distribution", "")
    page.items((
        ("Method", dist.method),
        ("Download", _maybe(link, dist.url)),
        ("DOI", dist.doi),
        ("Published", dist.published),
        ("Formats", joined(dist.formats)),
        ("Third parties", dist.third_parties),
        ("IP restrictions", dist.ip_restrictions),
        ("Regulatory restrictions", dist.regulatory_restrictions),
        ("Fees", dist.fees),
    ))
    page.add("")
    if dist.files:
        page.add("", tables.files_table(dist.files))
    page.add("")


def _maintenance(page: Page, mt: Any) -> None:
    page.add("### Maintenance", "")
    g = page.gap("maintainer")
    if g:
        page.add(gap(g))
    if mt:
        if not g:
            page.add(*(f"- **Maintainer:** {agent(x)}" for x in mt.maintainers))
            contact = link(mt.contact) if mt.contact is not None and is_url(mt.contact) else mt.contact
            page.item("Contact", contact)
        page.items((
            ("Status", _maybe(label, mt.status)),
            ("Cadence", _maybe(label, mt.cadence)),
            ("Update plan", mt.update_plan),
            ("Old versions", mt.old_versions),
            ("Retention", mt.retention),
            ("Deprecation", mt.deprecation),
            ("Contributions", mt.contributions),
        ))
        if mt.releases:
            page.add("", tables.releases_table(mt.releases))
        if mt.errata:
            page.add("", "#### Errata", "")
            for e in mt.errata:
                date = f" ({shown(e.date)})" if e.date else ""
                fixed = f" Fixed in {shown(e.fixed_in)}." if e.fixed_in else ""
                page.add(f"- {shown(e.description)}{date}{fixed}")
    page.add("")


def _closing(page: Page, ds: Any, placeholders: Sequence[tuple[str, str]]) -> None:
    u = ds.audience
    if (u and u.citation_guidelines) or ds.citation:
        page.add("## Citation", "")
        if u and u.citation_guidelines:
            page.add(block(u.citation_guidelines), "")
        if ds.citation:
            page.add(citation(ds.citation))
        page.add("")
    page.add("---", "")
    if ds.authors:
        page.add(f"Datasheet by {'; '.join(agent(x) for x in ds.authors)}.")
    page.add(f"Written in datacard's datasheet schema, version {shown(ds.schema_version)}.")
    if not (page.gaps or placeholders):
        return
    page.add("", "## What this datasheet does not say", "")
    if page.gaps:
        page.add("The context below is missing or holds only a placeholder; `datacard lint` reports each gap",
                 "with its code, and `datacard rule CODE` explains what to write.", "")
        for g in page.gaps.values():
            held = f' Holds only "{literal(g.placeholder)}".' if g.placeholder else ""
            page.add(f"- **{shown(g.need.label.capitalize())}** ({code(g.field)}): {shown(g.need.why)}.{held} "
                     f"{shown(g.need.code)}")
    if placeholders:
        many = len(placeholders) > 1
        page.add("", f"{shown('These fields' if many else 'This field')} hold{shown('' if many else 's')} "
                 f"only a placeholder ({shown(PLACEHOLDER_CODE)}):", "")
        page.add(*(f'- {code(where)}: "{literal(found)}"' for where, found in placeholders))
