"""Data passed between the pipeline's stages.

text file → :class:`Page` (decoded, unwrapped, split into :class:`Article` s)
→ :class:`Mention` s → resolved :class:`Entity` s → :class:`Relation` s with
:class:`Evidence` → rdflib graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; ``start``/``end`` index the article text."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """One article of a page.

    ``text`` is the article's own text (byline, body, headline and captions
    in page order); ``start``/``end`` index the page text. ``body_start`` is
    where the body begins inside ``text`` (after the byline, if any).
    """

    index: int
    text: str
    start: int
    end: int
    headline: str = ""
    subtitles: list[str] = field(default_factory=list)
    source: str = ""
    reporters: list[str] = field(default_factory=list)
    dateline: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    year: int | None = None


@dataclass
class Page:
    """A decoded page: ``text`` is the file's text with wrapped lines rejoined."""

    path: str
    name: str
    text: str
    encoding: str
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- extraction ---------------------------------------------------------

ENTITY_TYPES = ("Agency", "Organization", "Place", "Program", "Person")
PLACE_LEVELS = ("province", "prefecture", "county", "township", "village", "feature")


@dataclass(frozen=True)
class Mention:
    """A span of an article's text that names something.

    ``start``/``end`` index the article text, so
    ``article.text[m.start:m.end] == m.text``.
    """

    type: str
    text: str
    start: int
    end: int
    # the name the mention stands for once context is applied (市商务局 →
    # 衡水市商务局); equals ``text`` when nothing was added
    name: str = ""
    level: str = ""  # places: one of PLACE_LEVELS
    code: str = ""  # places: administrative code when known


@dataclass
class Entity:
    """One real-world thing, with every surface form that names it."""

    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    level: str = ""
    code: str = ""
    parent: "Entity | None" = None  # places: nearest containing place
    jurisdiction: "Entity | None" = None  # agencies
    key: str = ""  # identity used to mint the IRI
    mentions: list[Mention] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)  # article indexes that mention it
    gazetteer_only: bool = False  # added from background knowledge, not named on the page


@dataclass(frozen=True)
class Evidence:
    article: int
    start: int
    end: int
    text: str


@dataclass
class Relation:
    subject: Entity
    predicate: str  # runs, organizes, undertakes, leads, locatedIn, partOf, ...
    object: Entity
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Measure:
    program: Entity
    value: float
    unit: str
    label: str
    qualifier: str = ""
    text: str = ""
    evidence: Evidence | None = None
    start: int = -1  # offset of the quantity in the article text


@dataclass
class Extraction:
    """Everything extracted from one page."""

    page: Page
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    dates: list[tuple[Entity, str, Evidence]] = field(default_factory=list)  # (program, ISO date, evidence)
