"""A report document: ordered sections of tables, charts and commentary for a period, built
by a `ReportDefinition`. A definition names the template year it follows: when the Département
revises its template, a new definition sits beside the old one, so a past year regenerates as
it was sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reporting.models import AssociationProfile, Commentary, ReportValidation
from reportkit import charts
from reportkit.periods import Period
from reportkit.tables import Table, table_differences, table_from_snapshot, table_snapshot


@dataclass
class Section:
    key: str
    title: str
    level: int = 1
    tables: list[Table] = field(default_factory=list)
    # (chart function, id of the section's table it draws, extra arguments): drawn only when a
    # page or a PDF shows them, from the tables printed (live or frozen by a validation).
    chart_specs: list[tuple] = field(default_factory=list)
    # The key of the director's commentary printed in this section, if it has one.
    commentary: str = ""
    commentary_label: str = "Observations"
    text: str = ""

    @property
    def charts(self) -> list[charts.Chart]:
        if not hasattr(self, "_charts"):
            tables = {table.id: table for table in self.tables}
            self._charts = [
                draw(tables[table_id], *args)
                for draw, table_id, *args in self.chart_specs
                if table_id in tables
            ]
        return self._charts


@dataclass
class Document:
    definition: ReportDefinition
    period: Period
    sections: list[Section]
    association: AssociationProfile
    commentaries: dict[str, Commentary]
    options: dict = field(default_factory=dict)
    # Set when the figures printed are those frozen by a validation.
    validation: ReportValidation | None = None
    # (table title, row, column, validated figure, figure from today's records)
    differences: list[tuple] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def title(self) -> str:
        return f"{self.definition.title} — {self.period.label}"

    def as_dict(self) -> dict:
        data = {
            "report": self.definition.slug,
            "title": self.definition.title,
            "template": self.definition.template,
            "period": self.period.as_dict(),
            "tables": [table.as_dict() for table in self.tables],
        }
        if self.validation is not None:
            data["validation"] = {
                "validated_at": self.validation.validated_at.isoformat(),
                "validated_by": str(self.validation.validated_by),
                "note": self.validation.note,
                "changed_since": len(self.differences),
            }
        return data

    def snapshot(self) -> dict:
        return {
            "sections": {
                section.key: [table_snapshot(table) for table in section.tables]
                for section in self.sections
            }
        }

    def freeze(self, validation: ReportValidation) -> None:
        """Print the figures of `validation` instead of today's, and list what changed."""
        frozen = validation.snapshot.get("sections", {})
        for section in self.sections:
            if section.key not in frozen:
                continue
            current = {table.id: table for table in section.tables}
            section.tables = [table_from_snapshot(data) for data in frozen[section.key]]
            for table in section.tables:
                if table.id in current:
                    for row, column, before, after in table_differences(
                        table, current.pop(table.id)
                    ):
                        self.differences.append((table.title, row, column, before, after))
            for table in current.values():
                self.differences.append((table.title, "(nouveau tableau)", "", None, None))
        self.validation = validation


@dataclass
class ReportDefinition:
    slug: str
    title: str
    description: str
    template: str  # the funder's template it follows (e.g. "Département 62 — modèle 2023")
    services: tuple[str, ...]  # chefs de service of these services may read it
    builder: Callable[[Period, dict], list[Section]]
    commentary_sections: dict[str, str] = field(default_factory=dict)
    # Sections made from the data (one per commune) accept commentaries with this prefix.
    commentary_prefix: str = ""
    # The communes a report can be restricted to (EMPS), for the page's selector.
    scopes: Callable[[Period], list[str]] | None = None

    def accepts_commentary(self, key: str) -> bool:
        return key in self.commentary_sections or bool(
            self.commentary_prefix and key.startswith(self.commentary_prefix)
        )

    def build(self, period: Period, options: dict | None = None, *, live: bool = False) -> Document:
        """The document for the period. If it was validated, the validated figures are
        printed (with what changed since) unless `live` asks for today's."""
        options = options or {}
        sections = self.builder(period, options)
        document = Document(
            definition=self,
            period=period,
            sections=sections,
            association=AssociationProfile.current(),
            commentaries=Commentary.objects.latest_for(
                report=self.slug, period_start=period.start, period_end=period.end
            ),
            options=options,
        )
        validation = (
            ReportValidation.objects.filter(
                report=self.slug,
                period_start=period.start,
                period_end=period.end,
                scope=options.get("commune", ""),
            )
            .select_related("validated_by")
            .first()
        )
        if validation is not None and not live:
            document.freeze(validation)
        return document
