"""The API's JSON parser (its own module: DRF's settings import it while DRF's views are being
defined, so it must not import them)."""

from __future__ import annotations

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from rl_portal.inputs import NUL_MESSAGE

# A request body nests a few levels (a collective action's headcounts): far more is an attack on
# the parser (Python's json recurses), and integers beyond 2**53 are not portable JSON.
MAX_JSON_DEPTH = 20
MAX_JSON_INTEGER = 2**53


def _bounded_int(text: str) -> int:
    if len(text) > 20 or abs(value := int(text)) > MAX_JSON_INTEGER:
        raise ParseError("Un nombre du JSON est trop grand.")
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ParseError("Un nombre du JSON est trop grand.")
    return value


def _refuse_constant(text: str):
    raise ParseError(f"« {text} » n'est pas une valeur JSON acceptée.")


def _check_tree(data) -> None:
    """Depth and NUL characters, walked without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ParseError(f"Le JSON est trop imbriqué (au plus {MAX_JSON_DEPTH} niveaux).")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and "\x00" in key:
                    raise ParseError(NUL_MESSAGE)
                stack.append((item, depth + 1))
        elif isinstance(value, str) and "\x00" in value:
            raise ParseError(NUL_MESSAGE)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: nesting depth, integer size, no NaN or infinity, no NUL
    character; French messages."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError("Le corps de la requête n'est pas du texte UTF-8.") from None
        try:
            data = json.loads(
                text,
                parse_int=_bounded_int,
                parse_float=_finite_float,
                parse_constant=_refuse_constant,
            )
        except RecursionError:
            raise ParseError(
                f"Le JSON est trop imbriqué (au plus {MAX_JSON_DEPTH} niveaux)."
            ) from None
        except json.JSONDecodeError as error:
            raise ParseError(
                f"Le corps de la requête n'est pas du JSON valide (ligne {error.lineno}, "
                f"colonne {error.colno})."
            ) from None
        except ValueError:
            raise ParseError("Un nombre du JSON est trop grand.") from None
        _check_tree(data)
        return data
