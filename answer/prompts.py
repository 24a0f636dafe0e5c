"""Prompt templates in prompts/NAME.txt, checked when loaded: their `{variables}` must be exactly the ones the
caller fills in, so a typo in a template fails at start-up, not mid-answer."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError

_NAME = re.compile(r"[a-z0-9][a-z0-9_]*")


class PromptError(ConfigError, ValueError):
    """A missing or malformed prompt template; the message names the file and the variable."""


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    path: Path
    text: str
    variables: frozenset[str]

    def format(self, **values: str) -> str:
        missing = sorted(self.variables - values.keys())
        unknown = sorted(values.keys() - self.variables)
        if missing or unknown:
            raise PromptError(f"{self.path}: format() missing variables {missing}, unknown variables {unknown}")
        return self.text.format(**values)


def template_variables(text: str, path: Path) -> frozenset[str]:
    """The `{name}` fields of `text`; positional (`{}`), indexed or attribute fields are errors."""
    names: set[str] = set()
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise PromptError(f"{path}: bad template syntax ({exc}); write literal braces as {{{{ }}}}") from None
    for field in fields:
        if not field.isidentifier():
            raise PromptError(f"{path}: unsupported variable {{{field}}}: use {{name}} with a plain name")
        names.add(field)
    return frozenset(names)


def load_prompt(name: str, required: set[str], prompts_dir: Path) -> PromptTemplate:
    """Read prompts_dir/NAME.txt and check it uses exactly the `required` variables."""
    if not _NAME.fullmatch(name):
        raise PromptError(f"bad prompt name {name!r}: lowercase letters, digits and '_' only")
    path = Path(prompts_dir) / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"prompt file not found: {path}") from None
    variables = template_variables(text, path)
    missing = sorted(set(required) - variables)
    unknown = sorted(variables - set(required))
    if missing:
        raise PromptError(f"{path}: missing variable {{{missing[0]}}} (required: {sorted(required)})")
    if unknown:
        raise PromptError(f"{path}: unknown variable {{{unknown[0]}}} (allowed: {sorted(required)})")
    return PromptTemplate(name, path, text, variables)
