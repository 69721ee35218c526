"""Suite-wide strictness: an undefined template variable fails the test."""

import pytest


class UndefinedTemplateVariable(str):
    """Makes `{{ missing }}` raise instead of rendering as an empty string."""

    def __mod__(self, other):
        raise AssertionError(f"Variable de gabarit indéfinie : {other!r}")

    def __contains__(self, item):
        return item == "%s"


@pytest.fixture(autouse=True)
def strict_templates(settings):
    for template in settings.TEMPLATES:
        template["OPTIONS"]["string_if_invalid"] = UndefinedTemplateVariable("%s")
