"""Reading data/guide.yml: YAML with every problem named by file and line,
then the Guide, validated (in the catalogue's language for a translation)."""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..language import Catalogue, translate_data
from .errors import GuideDataError, format_errors
from .schema import Guide

def parse_guide(raw: Any, path: Path) -> Guide:
    if not isinstance(raw, dict):
        raise GuideDataError(f"{path}: the guide data must be a mapping with 'title' and 'stages'")
    try:
        return Guide.model_validate(raw)
    except ValidationError as error:
        raise format_errors(path, raw, error) from None


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: Any, line: int, first_line: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line, self.first_line = key, line, first_line


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice in one mapping is an
    error: plain YAML keeps the second value without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DuplicateKeyError(key, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """A YAML file as Python data; every problem stops with the file and line named."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GuideDataError(f"{path}: the guide data file is missing") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GuideDataError(
            f"{path}, line {line}: the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read). "
            "Save it as UTF-8 in your editor."
        ) from None
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except DuplicateKeyError as error:
        raise GuideDataError(
            f"{path}, line {error.line}: duplicate key '{error.key}' (first given on line {error.first_line}); "
            "keep one, or the second would silently replace the first"
        ) from None
    except yaml.YAMLError as error:
        raise GuideDataError(f"{path}: not valid YAML: {error}") from None


def load_guide(path: Path) -> Guide:
    return parse_guide(read_yaml(path), path)


def load_translated_guide(path: Path, catalogue: Catalogue) -> tuple[Guide, list[str]]:
    """The guide in the catalogue's language, and the sentences still in English
    there (missing or changed translations, named by their place)."""
    raw, missing = translate_data(Guide, read_yaml(path), catalogue)
    return parse_guide(raw, path if catalogue.is_source else Path(f"{path} ({catalogue.lang} translation)")), missing
