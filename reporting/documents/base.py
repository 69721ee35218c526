"""A report document: ordered sections of tables, charts and commentary for a period, built
by a `ReportDefinition`. A definition names the template year it follows: when the Département
revises its template, a new definition sits beside the old one, so a past year regenerates as
it was sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reporting.models import AssociationProfile, Commentary, ReportInput, ReportValidation
from reportkit import charts
from reportkit.disclosure import integral, mask_tables, masking_note, primary_label
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


@dataclass(frozen=True)
class InputField:
    """One value the direction enters for a report and period."""

    name: str
    label: str
    kind: str = "text"  # text, textarea, email, date, decimal
    help: str = ""


@dataclass(frozen=True)
class InputSpec:
    """A group of values the direction keeps for a report (one form, one versioned record)."""

    key: str
    title: str
    # The fields, or a function of the period that lists them (a grid per commune…).
    fields: tuple[InputField, ...] | Callable[[Period], list[InputField]] = ()
    help: str = ""

    def fields_for(self, period: Period) -> list[InputField]:
        return list(self.fields(period) if callable(self.fields) else self.fields)


def validated_table(slug: str, period: Period, table_id: str, scope: str = "") -> Table | None:
    """The table `table_id` as printed in the validated report `slug` of `period`, or None
    when that report was not validated (one query). A column about a validated year reads it
    instead of today's records (DESIGN: "a transmitted report never changes")."""
    validation = ReportValidation.objects.filter(
        report=slug, period_start=period.start, period_end=period.end, scope=scope
    ).first()
    if validation is None:
        return None
    for tables in validation.snapshot.get("sections", {}).values():
        for data in tables:
            if data["id"] == table_id:
                table = table_from_snapshot(data)
                table.validated_on = validation.validated_on
                return table
    return None


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
    # The direction's data (identity, territory…) printed: key → latest ReportInput.
    inputs: dict = field(default_factory=dict)
    # Texts or data edited after the validation: (label, validated version, draft version).
    drafts: list[tuple] = field(default_factory=list)
    # The threshold below which counts are masked for this reader (reportkit.disclosure), or 0.
    small_counts_masked: int = 0

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def title(self) -> str:
        return f"{self.definition.title} — {self.period.label}"

    def mask_small_counts(self, threshold: int) -> None:
        """Mask the counts below `threshold` in every table, and what would give them back
        (reportkit.disclosure): the charts drawn from a masked table and the figures of the
        « changed since the validation » list."""
        masked = mask_tables(self.tables, threshold)
        for section in self.sections:
            hidden = {table.id for table in section.tables if id(table) in masked}
            section.chart_specs = [spec for spec in section.chart_specs if spec[1] not in hidden]
        label = primary_label(threshold)
        self.differences = [
            (
                title,
                row,
                column,
                *(
                    label
                    if integral(value) is not None and 0 < integral(value) < threshold
                    else value
                    for value in (before, after)
                ),
            )
            for title, row, column, before, after in self.differences
        ]
        self.small_counts_masked = threshold

    def as_dict(self) -> dict:
        tables = []
        for section in self.sections:
            for table in section.tables:
                tables.append({**table.as_dict(), "section": section.key})
        data = {
            "report": self.definition.slug,
            "title": self.definition.title,
            "template": self.definition.template,
            "period": self.period.as_dict(),
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "level": section.level,
                    "tables": [table.id for table in section.tables],
                }
                for section in self.sections
            ],
            "tables": tables,
        }
        if self.small_counts_masked:
            data["small_counts_masked"] = {
                "threshold": self.small_counts_masked,
                "note": masking_note(self.small_counts_masked),
            }
        data["commentaries"] = {
            key: commentary.text for key, commentary in self.commentaries.items() if commentary
        }
        if self.validation is not None:
            data["validation"] = {
                "board_date": self.validation.validated_on.isoformat(),
                "validated_at": self.validation.validated_at.isoformat(),
                "validated_by": str(self.validation.validated_by),
                "note": self.validation.note,
                "changed_since": len(self.differences),
                "drafts": [label for label, _before, _after in self.drafts],
            }
        return data

    def snapshot(self) -> dict:
        """Everything the report prints, as transmitted: tables, texts and the direction's
        data (with the versions of the texts and data, to tell a later draft)."""
        return {
            # The headings and texts as printed, in order (from 2026; see `freeze`).
            "structure": [
                {
                    "key": section.key,
                    "title": section.title,
                    "level": section.level,
                    "text": section.text,
                    "commentary": section.commentary,
                    "commentary_label": section.commentary_label,
                    # Charts by the name of their function in reportkit.charts.
                    "charts": [
                        [draw.__name__, table_id, *args]
                        for draw, table_id, *args in section.chart_specs
                    ],
                }
                for section in self.sections
            ],
            "sections": {
                section.key: [table_snapshot(table) for table in section.tables]
                for section in self.sections
            },
            "commentaries": {
                key: {"version": commentary.version, "text": commentary.text}
                for key, commentary in self.commentaries.items()
            },
            "inputs": {
                key: {"version": entry.version, "year": entry.period_start.year, "data": entry.data}
                for key, entry in self.inputs.items()
            },
        }

    def _freeze_texts(self, validation: ReportValidation) -> None:
        """Print the texts and data as validated; a version written since is a draft."""
        frozen_texts = validation.snapshot.get("commentaries")
        if frozen_texts is None:
            return  # validated before texts were frozen: nothing to compare with
        labels = self.definition.commentary_sections
        live = self.commentaries
        frozen = {}
        for key, value in frozen_texts.items():
            frozen[key] = Commentary(
                report=self.definition.slug,
                section=key,
                version=value["version"],
                text=value["text"],
            )
        for key, commentary in live.items():
            before = frozen_texts.get(key, {}).get("version")
            if before != commentary.version:
                self.drafts.append((labels.get(key, key), before, commentary.version))
        self.commentaries = frozen
        frozen_inputs = validation.snapshot.get("inputs", {})
        specs = self.definition.inputs
        for key, entry in self.inputs.items():
            before = frozen_inputs.get(key, {}).get("version")
            if before != entry.version or frozen_inputs.get(key, {}).get("year") != (
                entry.period_start.year
            ):
                title = specs[key].title if key in specs else key
                self.drafts.append((title, before, entry.version))

    def freeze(self, validation: ReportValidation) -> None:
        """Print the figures, headings and texts of `validation` instead of today's, and list
        what changed since (figures) and what was rewritten since (texts, as drafts).

        A snapshot lists its sections (headings, levels, texts, charts) since 2026 and the
        document is rebuilt from it; older snapshots of the reports restructured then were given
        their structure by a migration (reporting 0005). Older snapshots of the other reports
        hold only each section's tables: today's sections are kept (their headings did not
        change), with the validated tables; a section unknown to the snapshot prints no table
        (today's tables are listed as new) and, when it only held tables, is left out."""
        self._freeze_texts(validation)
        frozen = validation.snapshot.get("sections", {})
        live = {section.key: section for section in self.sections}
        structure = validation.snapshot.get("structure")
        if structure is not None:
            sections = [
                Section(
                    item["key"],
                    item["title"],
                    level=item["level"],
                    chart_specs=[
                        (getattr(charts, name), table_id, *args)
                        for name, table_id, *args in item.get("charts", [])
                        if hasattr(charts, name)
                    ],
                    commentary=item["commentary"],
                    commentary_label=item["commentary_label"],
                    text=item["text"],
                )
                for item in structure
            ]
        else:
            sections = [s for s in self.sections if s.key in frozen or s.commentary or s.text]
        live_tables = {
            key: {table.id: table for table in section.tables} for key, section in live.items()
        }
        for section in sections:
            today = live_tables.pop(section.key, {})
            section.tables = [table_from_snapshot(data) for data in frozen.get(section.key, [])]
            for table in section.tables:
                if table.id in today:
                    for row, column, before, after in table_differences(table, today.pop(table.id)):
                        self.differences.append((table.title, row, column, before, after))
            live_tables[section.key] = today
        for tables in live_tables.values():
            for table in tables.values():
                self.differences.append((table.title, "(nouveau tableau)", "", None, None))
        self.sections = sections
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
    commentary_prefix: str | tuple[str, ...] = ""
    # The communes a report can be restricted to (EMPS), for the page's selector.
    scopes: Callable[[Period], list[str]] | None = None
    # What the direction keeps for this report beside the records, by key.
    inputs: dict[str, InputSpec] = field(default_factory=dict)
    # Its funder counts in convention years (1 October → 30 September: FSL, ASL): the reports
    # page offers them beside the calendar years.
    convention_years: bool = False
    # A template of a page or two (the 2021 summary): in the PDF its sections follow each
    # other instead of each starting a page.
    compact: bool = False

    @property
    def service_labels(self) -> list[str]:
        from rl_portal.models import Service

        return [Service.Code(code).label for code in self.services if code in Service.Code.values]

    def accepts_commentary(self, key: str) -> bool:
        return key in self.commentary_sections or bool(
            self.commentary_prefix and key.startswith(self.commentary_prefix)  # str or tuple
        )

    def inputs_for(self, period: Period) -> dict:
        """The direction's data printed for the period (one query; none without inputs)."""
        if not self.inputs:
            return {}
        return ReportInput.objects.latest_for(
            report=self.slug, period_start=period.start, period_end=period.end
        )

    def build(
        self, period: Period, options: dict | None = None, *, live: bool = False, viewer=None
    ) -> Document:
        """The document for the period. If it was validated, the validated figures are
        printed (with what changed since) unless `live` asks for today's. Built for a
        `viewer`, its small counts are masked when that reader may not see them
        (`reporting.perms.masks_small_counts`)."""
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
            inputs=self.inputs_for(period),
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
        if viewer is not None:
            from django.conf import settings

            from reporting.perms import masks_small_counts

            if masks_small_counts(viewer, period, options):
                document.mask_small_counts(settings.REPORT_SMALL_COUNT_THRESHOLD)
        return document
