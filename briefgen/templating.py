"""The Jinja2 environment every template is rendered in.

Templates may come from a colleague, so they run in Jinja2's
``SandboxedEnvironment`` (no access to Python internals) with
``StrictUndefined`` (a misspelt variable is an error, not a blank), from a
loader confined to the template folders (the project's own first, then the
shipped defaults).  Errors become :class:`TemplateError` with the template's
file and line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import Loc, Problem, TemplateError

MAX_OUTPUT_CHARS = 5_000_000


def _tojson(value: Any) -> str:
    """JSON for embedding a value in a YAML/JSON document model (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def make_environment(template_dirs: Iterable[Path], autoescape: bool = False) -> SandboxedEnvironment:
    """A sandboxed, strict environment loading templates from ``template_dirs`` in order."""
    loader = jinja2.FileSystemLoader([str(d) for d in template_dirs], followlinks=False)
    env = SandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=autoescape,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["tojson"] = _tojson
    return env


def render_template(env: SandboxedEnvironment, name: str, **context: Any) -> str:
    """Render template ``name`` with ``context``; every failure is a TemplateError naming file:line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError([Problem(Loc(name), "template", f"template not found: {exc.name}")]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError([Problem(Loc(exc.filename or name, exc.lineno or 0, 1), "template",
                                     f"syntax error: {exc.message}")]) from None
    try:
        out = template.render(**context)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError([Problem(_where(exc, template), "template",
                                     f"refused by the sandbox: {exc}")]) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError([Problem(_where(exc, template), "template", f"undefined: {exc.message}")]) from None
    except jinja2.TemplateError as exc:
        raise TemplateError([Problem(_where(exc, template), "template", str(exc))]) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        raise TemplateError([Problem(_where(exc, template), "template",
                                     f"{type(exc).__name__}: {exc}")]) from None
    if len(out) > MAX_OUTPUT_CHARS:
        raise TemplateError([Problem(Loc(template.filename or name), "template",
                                     f"expected output of at most {MAX_OUTPUT_CHARS:,} characters, "
                                     f"got {len(out):,}")])
    return out


def _where(exc: BaseException, template: jinja2.Template) -> Loc:
    """The template file and line an exception was raised from (walks the traceback)."""
    fname = template.filename or template.name or "<template>"
    line = 0
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == template.filename or code.co_filename.endswith((".j2", ".jinja")):
            fname = code.co_filename
            try:
                line = template.get_corresponding_lineno(tb.tb_lineno)
            except Exception:  # pragma: no cover - best effort only
                line = tb.tb_lineno
        tb = tb.tb_next
    return Loc(fname, line, 1 if line else 0)
