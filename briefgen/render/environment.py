"""The Jinja2 environment every template is rendered in, and the limits user templates run under.

Templates may come from a colleague, so:

- they run in a :class:`BriefgenSandbox` (Jinja2's ``SandboxedEnvironment``:
  no access to Python internals; ``range`` is capped; ``*`` and ``**`` refuse
  to build huge values; nothing a template computes is evaluated while
  compiling) with ``StrictUndefined`` (a misspelt variable is an error, not a
  blank);
- they are read by a :class:`TemplateLoader` confined to the template folders
  (the project's own first, then the shipped defaults): names with ``..`` or
  absolute paths, links leading out of a folder, files over
  :data:`MAX_TEMPLATE_BYTES` and text that is not UTF-8 are refused;
- templates not shipped with briefgen are compiled and rendered in a forked
  child process with a time limit (:data:`RENDER_SECONDS`) and a memory limit
  (:data:`RENDER_MEMORY_BYTES`), see :mod:`briefgen.render.limited`; where ``fork``
  does not exist (Windows) they run in-process without those two limits;
- output is capped at :data:`MAX_OUTPUT_CHARS`, plus the size of any data the
  caller hands over to be embedded whole (a page's inline images).

The shipped templates are compiled once per user and kept between runs
(:class:`ShippedTemplateCache`), as Python keeps briefgen's own bytecode;
a project's templates are compiled afresh each run.

Every environment carries the same filters and functions (:mod:`briefgen.render.filters`).
Every failure is a :class:`TemplateError` naming the template file and line.
"""
from __future__ import annotations

import contextvars
import difflib
import hashlib
import json
import os
import pickle
import re
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment

from briefgen import __version__, errors
from briefgen.errors import BriefgenError, Loc, OutputLimitError, Problem, TemplateError, display_path
from briefgen.files import NotRegularFile, describe, exists, read_regular
from briefgen.render.filters import FILTERS, GLOBALS
from briefgen.render.limited import LimitExceeded, TimeLimit, fork_available, run_limited
from briefgen.resources import shipped_templates

RENDER_SECONDS = 20.0
RENDER_MEMORY_BYTES = 1 << 30
MAX_OUTPUT_CHARS = 5_000_000
MAX_TEMPLATE_BYTES = 1 << 20
MAX_POWER_BITS = 1 << 16
CACHE_DIRECTORY: str | None = None  # where compiled shipped templates are kept; None: Jinja2's per-user folder

# Set while a shipped template renders in-process: loading a user file then means "render under limits".
_TRUSTED_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("briefgen_trusted_only", default=False)


class TemplateRefused(jinja2.exceptions.SecurityError):
    """A template file the loader will not read; ``filename``/``lineno`` say where, when known."""

    def __init__(self, message: str, filename: str | None = None, lineno: int = 0):
        super().__init__(message)
        self.reason = message
        self.filename = filename
        self.lineno = lineno


class _NeedsLimits(BaseException):
    """A trusted render reached a user template: start again under limits."""


def _tojson(value: Any) -> str:
    """JSON for embedding a value in a YAML/JSON document model (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class _RuntimeOnlyCodeGenerator(CodeGenerator):
    """Jinja2's code generator without compile-time evaluation of expressions.

    Jinja2 normally computes constant expressions while compiling, filters
    included (``{{ 'x' | center(10**9) }}``), in whichever process compiles the
    template; here only literal text and constants are, so everything a
    template computes happens while rendering, under the sandbox and the limits.
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, (nodes.TemplateData, nodes.Const)):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


class BriefgenSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus caps on ``*`` (repetition) and ``**`` (powers), and no compile-time evaluation.

    Create it with ``optimized=False`` (as :func:`make_environment` does) so
    Jinja2's optimizer folds nothing either.
    """

    intercepted_binops = frozenset({"*", "**"})
    code_generator_class = _RuntimeOnlyCodeGenerator

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply ``operator``, refusing results too large to be meant."""
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, bytes, list, tuple)) and isinstance(n, int) and \
                        len(seq) * n > MAX_OUTPUT_CHARS:
                    raise jinja2.exceptions.SecurityError(
                        f"'*' would make a value of {len(seq) * n:,} items; the limit is {MAX_OUTPUT_CHARS:,}")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            bits = max(abs(left).bit_length() - 1, 0) * right
            if bits > MAX_POWER_BITS:
                raise jinja2.exceptions.SecurityError(
                    f"'**' would make a number of about {bits:,} bits; the limit is {MAX_POWER_BITS:,}")
        return super().call_binop(context, operator, left, right)


def _template_pieces(name: str) -> list[str]:
    """The path pieces of a template name; refuses names that could leave the template folders."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\0" in name:
        raise TemplateRefused(f"{name!r} is an absolute path; name templates relative to the template folder")
    pieces = []
    for piece in re.split(r"[/\\]", name):
        if piece == "..":
            raise TemplateRefused(f"{name!r} leaves the template folder")
        if piece and piece != ".":
            pieces.append(piece)
    if not pieces:
        raise jinja2.TemplateNotFound(name)
    return pieces


def _refuse_if_not_a_file(name: str, path: str) -> None:
    """TemplateRefused if something other than a file (a folder, a named pipe, a link that loops) stands where
    template ``name`` would be read from: it would otherwise be passed over for a later folder's file."""
    if exists(path):
        raise TemplateRefused(f"expected {name!r} to be a template file, got {describe(path)}", path)


class TemplateLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that never reads outside its folders and knows which folders are shipped.

    ``followlinks`` only affects directory walking in Jinja2, so every file is
    checked here: its real path must stay inside the real path of its folder.
    """

    def __init__(self, template_dirs: Iterable[Path]):
        dirs = [Path(d) for d in template_dirs]
        super().__init__([str(d) for d in dirs], followlinks=False)
        shipped = os.path.realpath(shipped_templates())
        self.trusted = {str(d) for d in dirs if os.path.realpath(d) == shipped}

    def locate(self, name: str) -> tuple[str, str] | None:
        """(folder, file) that template ``name`` comes from, or None if no folder has it."""
        pieces = _template_pieces(name)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if os.path.isfile(path):
                return folder, os.path.normpath(path)
            _refuse_if_not_a_file(name, path)
        return None

    def is_trusted(self, name: str) -> bool:
        """True if template ``name`` is a shipped one (it may still include user templates)."""
        try:
            found = self.locate(name)
        except jinja2.TemplateError:
            return False
        return found is not None and found[0] in self.trusted

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The text of ``template``, its file name and an up-to-date check (see jinja2.BaseLoader)."""
        found = self.locate(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        folder, path = found
        trusted = folder in self.trusted
        if not trusted and _TRUSTED_ONLY.get():
            raise _NeedsLimits()
        root, real = os.path.realpath(folder), os.path.realpath(path)
        if os.path.commonpath([root, real]) != root:
            raise TemplateRefused(f"{template!r} is a link to a file outside its template folder")
        try:
            data = read_regular(path, MAX_TEMPLATE_BYTES)
            mtime = os.path.getmtime(path)
        except NotRegularFile as exc:
            raise TemplateRefused(f"expected {template!r} to be a template file, got {exc.what}", path) from None
        except OSError as exc:
            raise TemplateRefused(f"cannot read {template!r}: {exc.strerror or exc}", path) from None
        if len(data) > MAX_TEMPLATE_BYTES:
            raise TemplateRefused(f"expected a template of at most {MAX_TEMPLATE_BYTES // 1024 // 1024} MiB, "
                                  f"got more", path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise TemplateRefused(f"expected UTF-8 text, got the byte 0x{data[exc.start]:02x}", path, line) from None

        def uptodate() -> bool:
            # Compiled templates are reused across builds (watch mode): stale once the file's bytes change or
            # a file of the same name appears in an earlier folder.  Comparing bytes, not only mtimes, also
            # catches two edits within one timestamp tick.
            if not trusted and _TRUSTED_ONLY.get():
                raise _NeedsLimits()
            try:
                if os.path.getmtime(path) != mtime or self.locate(template) != found:
                    return False
                return read_regular(path, MAX_TEMPLATE_BYTES) == data
            except (OSError, jinja2.TemplateError, TemplateRefused):
                return False

        return text, path, uptodate


class ShippedTemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled shipped templates, kept between runs in Jinja2's private per-user folder.

    Only templates read from a shipped folder are stored or loaded; a
    project's own templates are compiled afresh, under the limits.  Jinja2
    uses an entry only if the template's source matches it (a checksum) and
    it was written for this Python and this bytecode format; the folder is
    the user's own (mode 0700, in the system's temp folder), and the file
    names carry briefgen's and Jinja2's versions and ``flavour`` (what else
    shapes the compiled code: autoescaping, a writer's finalize).  A cache
    that cannot be read or written only costs a compile.
    """

    def __init__(self, shipped_dirs: Iterable[str], flavour: str, directory: str | None = None):
        super().__init__(directory)  # None: Jinja2's default folder; it raises where it cannot make a safe one
        tag = hashlib.sha256(f"{__version__}|{jinja2.__version__}|{flavour}".encode()).hexdigest()[:16]
        self.pattern = f"briefgen-{tag}-%s.cache"
        self._shipped = tuple(os.path.join(d, "") for d in shipped_dirs)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        """The bucket for one template, filled from disk only for a shipped template."""
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, filename),
                                       self.get_source_checksum(source))
        bucket.shipped = filename is not None and filename.startswith(self._shipped)  # type: ignore[attr-defined]
        if bucket.shipped:  # type: ignore[attr-defined]
            self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store a shipped template's newly compiled code (best effort)."""
        if getattr(bucket, "shipped", False):
            try:
                self.dump_bytecode(bucket)
            except OSError:
                pass

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Jinja2's loading, treating an unreadable or damaged entry as missing."""
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()


def _shipped_cache(loader: TemplateLoader, flavour: str) -> ShippedTemplateCache | None:
    if not loader.trusted:
        return None
    try:
        return ShippedTemplateCache(loader.trusted, flavour, CACHE_DIRECTORY)
    except (OSError, RuntimeError):  # no private temp folder to be had: compile every run
        return None


_ENVIRONMENTS: dict[tuple, BriefgenSandbox] = {}


def shared_environment(template_dirs: Iterable[Path], autoescape: bool = False,
                       configure: Callable[[BriefgenSandbox], None] | None = None) -> BriefgenSandbox:
    """The environment of :func:`make_environment` for these folders, made once per process.

    ``configure`` (a module-level function, part of the cache key) adds a
    writer's filters, globals or finalize to a new environment.  Compiled
    templates are reused by every later render (each output of a batch, each
    rebuild in watch mode) until their file changes; shipped ones also by
    later runs (:class:`ShippedTemplateCache`).
    """
    key = (tuple(os.path.abspath(d) for d in template_dirs), autoescape, configure)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = make_environment(template_dirs, autoescape)
        if configure is not None:
            configure(env)
        flavour = f"{autoescape}|{getattr(configure, '__module__', '')}.{getattr(configure, '__qualname__', '')}"
        env.bytecode_cache = _shipped_cache(env.loader, flavour)  # type: ignore[arg-type]
        _ENVIRONMENTS[key] = env
    return env


def make_environment(template_dirs: Iterable[Path], autoescape: bool = False) -> BriefgenSandbox:
    """A sandboxed, strict environment loading templates from ``template_dirs`` in order, with the filters
    and functions every template shares (:mod:`briefgen.render.filters`) and ``tojson``."""
    env = BriefgenSandbox(loader=TemplateLoader(template_dirs), undefined=jinja2.StrictUndefined,
                          autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          optimized=False)
    env.filters.update(FILTERS, tojson=_tojson)
    env.globals.update(GLOBALS)
    return env


def render_template(env: jinja2.Environment, name: str, *, embedded_chars: int = 0, **context: Any) -> str:
    """Render template ``name`` with ``context``; every failure is a TemplateError naming file:line.

    Shipped templates render in-process; any other template (or a shipped one
    that reaches a user template) renders under the time and memory limits.
    The output may be :data:`MAX_OUTPUT_CHARS` long, plus ``embedded_chars``:
    the size of the data in ``context`` meant to appear in it once (inline
    images), so that a large photo is not mistaken for a runaway template.
    """
    limit = MAX_OUTPUT_CHARS + max(embedded_chars, 0)
    loader = env.loader
    if isinstance(loader, TemplateLoader) and loader.is_trusted(name):
        token = _TRUSTED_ONLY.set(True)
        try:
            return _render(env, name, context, limit)
        except _NeedsLimits:
            pass
        finally:
            _TRUSTED_ONLY.reset(token)
    if not fork_available():
        return _render(env, name, context, limit)

    def work() -> dict:
        try:
            return {"text": _render(env, name, context, limit)}
        except BriefgenError as exc:
            return {"error": type(exc).__name__, "problems": [_problem_json(p) for p in exc.problems]}

    try:
        result = run_limited(work, RENDER_SECONDS, RENDER_MEMORY_BYTES)
    except LimitExceeded as exc:
        where = Loc(_display(_file_of(env, name)))
        if exc.kind == "time":
            raise TemplateError([Problem(where, "template", _time_message())]) from None
        raise TemplateError([Problem(where, "template", f"stopped: the template process ended unexpectedly "
                                                        f"({exc.detail})")]) from None
    if "text" in result:
        return result["text"]
    cls = getattr(errors, result.get("error", ""), TemplateError)
    if not (isinstance(cls, type) and issubclass(cls, BriefgenError)):
        cls = TemplateError
    raise cls([_problem_from_json(p) for p in result["problems"]])


def _time_message() -> str:
    return f"stopped after {RENDER_SECONDS:g} s (time limit)"


def _memory_message() -> str:
    size = RENDER_MEMORY_BYTES / (1 << 30)
    amount = f"{size:g} GiB" if size >= 1 else f"{RENDER_MEMORY_BYTES / (1 << 20):g} MiB"
    return f"stopped: needed more than {amount} of memory (memory limit)"


def _render(env: jinja2.Environment, name: str, context: dict, limit: int = MAX_OUTPUT_CHARS) -> str:
    """Load and render in this process, translating every failure into a TemplateError."""
    template: jinja2.Template | None = None
    try:
        template = env.get_template(name)
        chunks: list[str] = []
        total = 0
        gen = template.generate(**context)
        for chunk in gen:
            total += len(chunk)
            if total > limit:
                where = _generator_loc(gen) or Loc(_display(template.filename or name))
                gen.close()
                raise OutputLimitError([Problem(where, "template", f"expected output of at most "
                                                                   f"{limit:,} characters, got more")])
            chunks.append(chunk)
        return "".join(chunks)
    except (BriefgenError, _NeedsLimits):
        raise
    except TimeLimit as exc:
        raise TemplateError([Problem(_where(exc, env, name), "template", _time_message())]) from None
    except MemoryError as exc:
        raise TemplateError([Problem(_where(exc, env, name), "template", _memory_message())]) from None
    except TemplateRefused as exc:
        where = Loc(_display(exc.filename), exc.lineno, 1 if exc.lineno else 0) if exc.filename \
            else _where(exc, env, name)
        raise TemplateError([Problem(where, "template", f"refused: {exc.reason}")]) from None
    except jinja2.TemplateNotFound as exc:
        if template is None and exc.name == name:
            raise TemplateError([Problem(Loc(name), "template", f"template not found: {exc.name}")]) from None
        raise TemplateError([Problem(_where(exc, env, name), "template",
                                     f"template not found: {exc.name!r}")]) from None
    except jinja2.TemplateSyntaxError as exc:
        where = Loc(_display(exc.filename or _file_of(env, name)), exc.lineno or 0, 1 if exc.lineno else 0)
        raise TemplateError([Problem(where, "template", f"syntax error: {exc.message}")]) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError([Problem(_where(exc, env, name), "template",
                                     f"refused by the sandbox: {exc}")]) from None
    except jinja2.UndefinedError as exc:
        where = _where(exc, env, name)
        message = _undefined_message(exc, env, where, context) or f"undefined: {exc.message}"
        raise TemplateError([Problem(where, "template", message)]) from None
    except jinja2.TemplateError as exc:
        raise TemplateError([Problem(_where(exc, env, name), "template", str(exc))]) from None
    except RecursionError as exc:
        raise TemplateError([Problem(_where(exc, env, name), "template",
                                     "too deeply nested or recursive (RecursionError)")]) from None
    except Exception as exc:  # anything a template can provoke: 1/0, 'a' + 1, a bad filter argument ...
        where = _where(exc, env, name)
        message = _undefined_message(exc, env, where, context) or f"{type(exc).__name__}: {exc}"
        raise TemplateError([Problem(where, "template", message)]) from None


def _undefined_message(exc: BaseException, env: jinja2.Environment, where: Loc, context: dict) -> str | None:
    """"undefined: view.subjct (did you mean view.subject?)" when ``exc`` comes from an undefined value, however
    it surfaced (used as text, passed to a filter or to ``range``: Python's TypeError names only Jinja2's
    class); None when no undefined value is to blame.  The expression is read from the template line
    ``where`` points at, as written there."""
    undefined = _undefined_in(exc)
    if undefined is not None:
        name = getattr(undefined, "_undefined_name", None)
        owner = getattr(undefined, "_undefined_obj", jinja2.utils.missing)
        hint = getattr(undefined, "_undefined_hint", None)
    elif isinstance(exc, jinja2.UndefinedError):  # Jinja2 rewrote the frames: its message names the attribute
        m = re.search(r"has no attribute '(\w+)'|^'(\w+)' is undefined", exc.message or "")
        name, hint = (m.group(1) or m.group(2), None) if m else (None, exc.message)
        written = _expression_before(where, name) if m and m.group(1) else None
        owner = _plain_value(written.rsplit(".", 1)[0], {**context, **_template_locals(exc)}) if written \
            else jinja2.utils.missing
        if m and m.group(1) and owner is jinja2.utils.missing:
            return f"undefined: {written or name}"
    else:
        return None
    if not isinstance(name, str):
        return f"undefined: {hint}" if hint else None
    if owner is jinja2.utils.missing:
        candidates = list(context) + list(env.globals)
        near = difflib.get_close_matches(name, candidates, 1, 0.6)
        return f"undefined: {name}" + (f" (did you mean {near[0]}?)" if near else "")
    written = _expression_before(where, name) or f"{type(owner).__name__}.{name}"
    base = written[: -len(name) - 1]
    keys = list(owner) if isinstance(owner, dict) else [a for a in dir(owner) if not a.startswith("_")]
    near = difflib.get_close_matches(name, [k for k in keys if isinstance(k, str)], 1, 0.6)
    return f"undefined: {written}" + (f" (did you mean {base}.{near[0]}?)" if near else "")


def _plain_value(expression: str, names: dict) -> Any:
    """The value of a plain expression (``view``, ``s.title``, ``view.sections[0]``) among ``names``, without
    calling anything or reading an underscored name; ``jinja2.utils.missing`` when it is not that simple."""
    parts = re.findall(r"\.?([A-Za-z]\w*)|\[(\d+)\]|(.)", expression)
    value: Any = names
    for i, (attr, index, other) in enumerate(parts):
        try:
            if other or (i == 0 and not attr):
                return jinja2.utils.missing
            value = names[attr] if i == 0 else getattr(value, attr) if attr else value[int(index)]
        except (KeyError, AttributeError, IndexError, TypeError):
            return jinja2.utils.missing
    return value


def _template_locals(exc: BaseException) -> dict:
    """The template's own variables (loop variables, ``set`` names) in the frames ``exc`` passed through, as
    Jinja2 shows them in a template's traceback."""
    found: dict = {}
    tb = exc.__traceback__
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.endswith(".py"):  # a template's frame, not Python's
            found.update({k: v for k, v in tb.tb_frame.f_locals.items() if re.fullmatch(r"[A-Za-z]\w*", k)})
        tb = tb.tb_next
    return found


def _undefined_in(exc: BaseException) -> jinja2.Undefined | None:
    """The undefined value behind ``exc``: the innermost one in the frames it passed through (or in an argument
    list there), None if there is none."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            for item in (value if isinstance(value, (tuple, list)) and len(value) < 20 else (value,)):
                if isinstance(item, jinja2.Undefined):
                    found = item
        tb = tb.tb_next
    return found


def _expression_before(where: Loc, name: str) -> str | None:
    """The dotted expression ending in ``.name`` on the template line at ``where`` (e.g. ``view.subjct``)."""
    try:
        path = where.file if os.path.isabs(where.file) else os.path.join(os.getcwd(), where.file)
        text = read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8", "replace").splitlines()[where.line - 1]
    except (OSError, IndexError):
        return None
    m = re.search(rf"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\]]*\])*)\.{re.escape(name)}\b", text)
    return m.group(0) if m else None


def _display(filename: str) -> str:
    """How a template file is shown in messages (relative to the working directory)."""
    if not filename or filename.startswith("<") or not os.path.isabs(filename):
        return filename
    return display_path(Path(filename))


def _file_of(env: jinja2.Environment, name: str) -> str:
    """The file template ``name`` would be read from, else the name itself."""
    loader = env.loader
    if isinstance(loader, TemplateLoader):
        try:
            found = loader.locate(name)
        except jinja2.TemplateError:
            found = None
        if found is not None:
            return found[1]
    return name


def _generator_loc(gen: Any) -> Loc | None:
    """The template file and line a suspended render generator is at (the innermost template frame)."""
    where = None
    while gen is not None:
        frame = getattr(gen, "gi_frame", None)
        template = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if isinstance(template, jinja2.Template) and frame is not None:
            line = template.get_corresponding_lineno(frame.f_lineno)
            where = Loc(_display(template.filename or template.name or ""), line, 1 if line else 0)
        gen = getattr(gen, "gi_yieldfrom", None)
    return where


def _where(exc: BaseException, env: jinja2.Environment, name: str) -> Loc:
    """The template file and line an exception was raised from (the innermost template frame)."""
    fname, line = "", 0
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if isinstance(template, jinja2.Template):  # generated code: map its line back to the template
            fname = template.filename or template.name or ""
            try:
                line = template.get_corresponding_lineno(tb.tb_lineno)
            except Exception:  # pragma: no cover - best effort only
                line = 0
        elif "__jinja_exception__" in frame.f_globals:  # a frame Jinja rewrote to the template's own line
            fname, line = frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if not fname:
        fname = _file_of(env, name)
    return Loc(_display(fname), line, 1 if line else 0)


def _problem_json(p: Problem) -> list:
    loc = p.loc
    return [loc.file if loc else None, loc.line if loc else 0, loc.col if loc else 0, p.field, p.message, p.severity]


def _problem_from_json(row: list) -> Problem:
    file, line, col, field, message, severity = row
    return Problem(Loc(file, line, col) if file is not None else None, field, message, severity)
