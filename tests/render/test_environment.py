"""Tests of briefgen.render.environment: the sandbox, the confined loader, the limits on user templates,
and one exact ``file:line: template: ...`` line for every kind of failure."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.errors import BuildError, Problem, TemplateError
from briefgen.render import environment as templating
from briefgen.render.environment import make_environment, render_template
from briefgen.render.limited import LimitExceeded, fork_available

needs_fork = pytest.mark.skipif(not fork_available(), reason="limits need fork (POSIX)")


@pytest.fixture()
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user template folder ``templates/`` in the working directory."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


def render(folder: Path, text: str, name: str = "t.j2", **context: object) -> str:
    """Write ``text`` as template ``name`` in ``folder`` and render it (user folder first, then shipped)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    env = make_environment([folder, templating.shipped_templates()])
    return render_template(env, name, **context)


def error_lines(folder: Path, text: str, name: str = "t.j2", **context: object) -> list[str]:
    """The TemplateError lines rendering ``text`` gives."""
    with pytest.raises(TemplateError) as exc:
        render(folder, text, name, **context)
    return exc.value.lines()


def test_renders_with_context(user: Path) -> None:
    assert render(user, "Hello {{ who }}!\n", who="room") == "Hello room!\n"


def test_syntax_error_names_file_and_line(user: Path) -> None:
    assert error_lines(user, "a\n{% if x %}\nb\n{{ x }\n") == ["templates/t.j2:4:1: template: syntax error: unexpected '}'"]


def test_undefined_variable_names_file_and_line(user: Path) -> None:
    assert error_lines(user, "a\nb\n{{ missing }}\n") == ["templates/t.j2:3:1: template: undefined: missing"]


def test_undefined_attribute_in_an_included_template_names_that_file(user: Path) -> None:
    (user / "part.j2").write_text("one\n\n{{ view.nope }}\n", encoding="utf-8")
    assert error_lines(user, "{% include 'part.j2' %}\n", view={"a": 1}) == [
        "templates/part.j2:3:1: template: undefined: view.nope"]


class _View:
    """Stands for the BriefView: attributes, one a list of objects with attributes."""

    subject = "Deterrence"
    title = "Brief"

    def __init__(self) -> None:
        self.sections = [_Section()]


class _Section:
    title = "Threats"


@pytest.mark.parametrize("text, message", [
    ("{{ view.subjct }}", "undefined: view.subjct (did you mean view.subject?)"),
    ("{{ view.subjct | tojson }}", "undefined: view.subjct (did you mean view.subject?)"),  # was a TypeError
    ("{{ (view.title ~ view.subjct) | upper }}", "undefined: view.subjct (did you mean view.subject?)"),
    ("{% for i in range(view.count) %}{% endfor %}", "undefined: view.count"),  # was a TypeError
    ("{% for s in view.sectoins %}{% endfor %}", "undefined: view.sectoins (did you mean view.sections?)"),
    ("{% for s in view.sections %}{{ s.titel }}{% endfor %}", "undefined: s.titel (did you mean s.title?)"),
    ("{{ view.sections[0].titel }}", "undefined: view.sections[0].titel (did you mean view.sections[0].title?)"),
    ("{{ viwe.title }}", "undefined: viwe (did you mean view?)"),
    ("{{ data.nope }}", "undefined: data.nope (did you mean data.note?)"),
])
def test_an_undefined_value_is_named_as_written_with_a_suggestion(user: Path, text: str, message: str) -> None:
    lines = error_lines(user, "a\n" + text + "\n", view=_View(), data={"note": 1})
    assert lines == [f"templates/t.j2:2:1: template: {message}"]
    assert "StrictUndefined" not in lines[0] and "object" not in lines[0]


def test_a_type_error_without_an_undefined_value_keeps_its_own_words(user: Path) -> None:
    assert error_lines(user, "{{ view.title + 1 }}\n", view=_View()) == [
        'templates/t.j2:1:1: template: TypeError: can only concatenate str (not "int") to str']


@pytest.mark.parametrize("expr, what", [
    ("''.__class__.__mro__", "access to attribute '__class__' of 'str' object is unsafe."),
    ("view.__init__.__globals__", "access to attribute '__init__' of 'dict' object is unsafe."),
    ("cycler.__init__.__globals__.os", "access to attribute '__init__' of 'type' object is unsafe."),
    ("lipsum.__globals__['os']", "access to attribute '__globals__' of 'function' object is unsafe."),
    ("joiner.__init__", "access to attribute '__init__' of 'type' object is unsafe."),
    ("self._TemplateReference__context", "access to attribute '_TemplateReference__context' of "
                                         "'TemplateReference' object is unsafe."),
])
def test_python_internals_are_refused(user: Path, expr: str, what: str) -> None:
    assert error_lines(user, f"x\n{{{{ {expr} }}}}\n", view={}) == [
        f"templates/t.j2:2:1: template: refused by the sandbox: {what}"]


def test_format_string_escapes_are_refused(user: Path) -> None:
    (line,) = error_lines(user, "{{ '{0.__class__}'.format(view) }}", view={})
    assert line.startswith("templates/t.j2:1:1: template: refused by the sandbox: ")


@pytest.mark.parametrize("text, message", [
    ("{{ 'x' * 10**10 }}", "refused by the sandbox: '*' would make a value of 10,000,000,000 items; the limit is "
                           "5,000,000"),
    ("{% set x = [0] * 10**9 %}", "refused by the sandbox: '*' would make a value of 1,000,000,000 items; the limit "
                                  "is 5,000,000"),
    ("{{ 10 ** 100000000 }}", "refused by the sandbox: '**' would make a number of about 300,000,000 bits; the "
                              "limit is 65,536"),
    ("{% for i in range(10**9) %}{% endfor %}", "OverflowError: Range too big. The sandbox blocks ranges larger "
                                                "than MAX_RANGE (100000)."),
    ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "too deeply nested or recursive (RecursionError)"),
])
def test_bombs_are_refused_in_process_terms(user: Path, text: str, message: str) -> None:
    assert error_lines(user, text) == [f"templates/t.j2:1:1: template: {message}"]


def test_small_repetition_and_powers_still_work(user: Path) -> None:
    assert render(user, "{{ '-' * 3 }}{{ 2 ** 10 }}{{ [1] * 2 }}{{ 3 * 'ab' }}") == "---1024[1, 1]ababab"


def test_constant_folding_does_not_build_the_value_at_compile_time(user: Path) -> None:
    env = make_environment([user])
    (user / "c.j2").write_text("{% if false %}{{ 'x' * 10**10 }}{% endif %}ok", encoding="utf-8")
    assert env.get_template("c.j2").name == "c.j2"  # compiling alone must not allocate 10 GB
    assert render_template(env, "c.j2") == "ok"


def test_compiling_evaluates_nothing_the_template_computes(user: Path) -> None:
    """Jinja2 would run filters on constants while compiling, in whatever process compiles (even the parent)."""
    import tracemalloc

    (user / "c.j2").write_text("{{ 'x' | center(200000000) | length }} {{ 'a' ~ 'b' }} {{ [1, 2] | join('-') }}",
                               encoding="utf-8")
    env = make_environment([user])
    tracemalloc.start()
    try:
        env.get_template("c.j2")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert render_template(env, "c.j2") == "200000000 ab 1-2"


def test_output_is_capped_with_the_line_that_overflowed(user: Path) -> None:
    text = "head\n{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx{% endfor %}{% endfor %}\n"
    assert error_lines(user, text) == [
        f"templates/t.j2:2:1: template: expected output of at most {templating.MAX_OUTPUT_CHARS:,} characters, "
        f"got more"]


def test_data_to_embed_raises_the_cap_by_its_size_once(user: Path) -> None:
    image = "data:image/png;base64," + "A" * templating.MAX_OUTPUT_CHARS  # a large photo, inline
    once = "<img src=\"{{ image }}\">\n"
    assert render(user, once, image=image, embedded_chars=len(image)) == f'<img src="{image}">\n'
    with pytest.raises(TemplateError):
        render(user, once, image=image)  # without the allowance the photo alone is over the cap
    twice = "<img src=\"{{ image }}\">\n<img src=\"{{ image }}\">\n"
    limit = templating.MAX_OUTPUT_CHARS + len(image)
    assert error_lines(user, twice, image=image, embedded_chars=len(image)) == [
        f"templates/t.j2:2:1: template: expected output of at most {limit:,} characters, got more"]


@needs_fork
def test_an_endless_loop_stops_at_the_time_limit(user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.5)
    text = "a\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n{% endfor %}\n"
    assert error_lines(user, text) == ["templates/t.j2:3:1: template: stopped after 0.5 s (time limit)"]


@needs_fork
def test_unbounded_growth_stops_at_the_memory_limit(user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "RENDER_MEMORY_BYTES", 64 << 20)
    text = ("{% set ns = namespace(s='x') %}\n"
            "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}\n")
    assert error_lines(user, text) == ["templates/t.j2:2:1: template: stopped: needed more than 64 MiB of memory "
                                       "(memory limit)"]


@needs_fork
def test_a_filter_allocating_gigabytes_stops_at_the_memory_limit(user: Path) -> None:
    assert error_lines(user, "{{ 'x' | center(2000000000) | length }}") == [
        "templates/t.j2:1:1: template: stopped: needed more than 1 GiB of memory (memory limit)"]


def test_time_limit_message_with_the_default_limit(user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the child must be killed from outside, the line is unknown: the file is named."""
    def killed(*args: object) -> None:
        raise LimitExceeded("time")

    monkeypatch.setattr(templating, "fork_available", lambda: True)
    monkeypatch.setattr(templating, "run_limited", killed)
    (user / "memo").mkdir()
    assert error_lines(user, "x", "memo/memo.md.j2") == [
        "templates/memo/memo.md.j2: template: stopped after 20 s (time limit)"]


def test_a_crashed_child_is_one_line(user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crashed(*args: object) -> None:
        raise LimitExceeded("crash", "killed by signal SIGSEGV")

    monkeypatch.setattr(templating, "fork_available", lambda: True)
    monkeypatch.setattr(templating, "run_limited", crashed)
    assert error_lines(user, "x") == ["templates/t.j2: template: stopped: the template process ended unexpectedly "
                                      "(killed by signal SIGSEGV)"]


@pytest.mark.parametrize("name, message", [
    ("../../content/briefing.yaml", "refused: '../../content/briefing.yaml' leaves the template folder"),
    ("sub/../../x.j2", "refused: 'sub/../../x.j2' leaves the template folder"),
    ("..\\\\..\\\\x.j2", "refused: '..\\\\..\\\\x.j2' leaves the template folder"),
    ("/etc/passwd", "refused: '/etc/passwd' is an absolute path; name templates relative to the template folder"),
    ("C:/Windows/win.ini", "refused: 'C:/Windows/win.ini' is an absolute path; name templates relative to the "
                           "template folder"),
    ("nothere.j2", "template not found: 'nothere.j2'"),
])
def test_includes_stay_inside_the_template_folders(user: Path, name: str, message: str) -> None:
    for kind in ("include", "import", "extends"):
        text = f"first\n{{% {kind} '{name}' %}}\n" if kind != "import" else f"first\n{{% import '{name}' as m %}}\n"
        assert error_lines(user, text) == [f"templates/t.j2:2:1: template: {message}"], kind


def test_a_top_level_template_linked_outside_is_refused(user: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    os.symlink(secret, user / "t.j2")
    env = make_environment([user])
    with pytest.raises(TemplateError) as exc:
        render_template(env, "t.j2")
    assert exc.value.lines() == ["templates/t.j2: template: refused: 't.j2' is a link to a file outside its "
                                 "template folder"]


def test_a_linked_folder_leading_outside_is_refused(user: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "part.j2").write_text("secret", encoding="utf-8")
    os.symlink(outside, user / "linked")
    assert error_lines(user, "a\n{% include 'linked/part.j2' %}") == [
        "templates/t.j2:2:1: template: refused: 'linked/part.j2' is a link to a file outside its template folder"]


def test_a_link_inside_the_folder_is_fine(user: Path) -> None:
    (user / "real.j2").write_text("real {{ 1 + 1 }}", encoding="utf-8")
    os.symlink("real.j2", user / "alias.j2")
    assert render(user, "{% include 'alias.j2' %}") == "real 2"


def test_non_utf8_template_names_its_line(user: Path) -> None:
    (user / "t.j2").write_bytes(b"ok\ncaf\xe9\n")
    env = make_environment([user])
    with pytest.raises(TemplateError) as exc:
        render_template(env, "t.j2")
    assert exc.value.lines() == ["templates/t.j2:2:1: template: refused: expected UTF-8 text, got the byte 0xe9"]


def test_including_a_binary_file_is_refused(user: Path) -> None:
    (user / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert error_lines(user, "{% include 'img.png' %}") == [
        "templates/img.png:1:1: template: refused: expected UTF-8 text, got the byte 0x89"]


def test_a_huge_template_is_refused(user: Path) -> None:
    (user / "t.j2").write_text("x" * (templating.MAX_TEMPLATE_BYTES + 1), encoding="utf-8")
    env = make_environment([user])
    with pytest.raises(TemplateError) as exc:
        render_template(env, "t.j2")
    assert exc.value.lines() == ["templates/t.j2: template: refused: expected a template of at most 1 MiB, got more"]


def test_missing_template(user: Path) -> None:
    env = make_environment([user])
    with pytest.raises(TemplateError) as exc:
        render_template(env, "memo/none.j2")
    assert exc.value.lines() == ["memo/none.j2: template: template not found: memo/none.j2"]


def test_a_briefgen_error_raised_by_a_helper_keeps_its_class(user: Path) -> None:
    def helper() -> str:
        raise BuildError([Problem(None, "chart", "no data")])

    with pytest.raises(BuildError) as exc:
        render(user, "{{ helper() }}", helper=helper)
    assert exc.value.lines() == ["chart: no data"]


def test_autoescape_escapes_user_values(user: Path) -> None:
    (user / "p.html.j2").write_text("<p>{{ text }}</p>", encoding="utf-8")
    env = make_environment([user], autoescape=True)
    assert render_template(env, "p.html.j2", text="<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


# --- where templates run: shipped ones in-process, user ones in a child -------------------------------------


@pytest.fixture()
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the shipped template folder whose top template includes ``part.j2``."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "top.j2").write_text("top {% include 'part.j2' %}", encoding="utf-8")
    (folder / "part.j2").write_text("shipped part {{ pid() }}", encoding="utf-8")
    monkeypatch.setattr(templating, "shipped_templates", lambda: folder)
    return folder


@needs_fork
def test_shipped_templates_render_in_process(user: Path, shipped: Path) -> None:
    env = make_environment([user, shipped])
    assert render_template(env, "top.j2", pid=os.getpid) == f"top shipped part {os.getpid()}"


@needs_fork
def test_user_templates_render_in_a_child(user: Path, shipped: Path) -> None:
    out = render(user, "user {{ pid() }}", pid=os.getpid)
    assert out.startswith("user ") and out != f"user {os.getpid()}"


@needs_fork
def test_a_shipped_template_reaching_a_user_template_moves_to_a_child(user: Path, shipped: Path) -> None:
    (user / "part.j2").write_text("user part {{ pid() }}", encoding="utf-8")
    env = make_environment([user, shipped])
    env.get_template("part.j2")  # already compiled and cached in this process: must not bypass the limits
    out = render_template(env, "top.j2", pid=os.getpid)
    assert out.startswith("top user part ") and out != f"top user part {os.getpid()}"


def test_without_fork_user_templates_render_in_process_still_sandboxed(user: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "fork_available", lambda: False)
    assert render(user, "{{ pid() }}", pid=os.getpid) == str(os.getpid())
    assert error_lines(user, "{{ ''.__class__ }}") == [
        "templates/t.j2:1:1: template: refused by the sandbox: access to attribute '__class__' of 'str' object is "
        "unsafe."]
    assert error_lines(user, "{{ 'x' * 10**10 }}")[0].startswith("templates/t.j2:1:1: template: refused by the sandbox")


def test_an_unreadable_template_is_one_line(user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (user / "t.j2").write_text("x", encoding="utf-8")

    def denied(path: object) -> float:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(templating.os.path, "getmtime", denied)
    env = make_environment([user])
    with pytest.raises(TemplateError) as exc:
        render_template(env, "t.j2")
    assert exc.value.lines() == ["templates/t.j2: template: refused: cannot read 't.j2': Permission denied"]


# --- the per-process environment: compiled templates reused until their file changes ---------------------------


def test_shared_environment_is_made_once_per_folders_and_configuration(user: Path, shipped: Path) -> None:
    first = templating.shared_environment([user, shipped])
    assert templating.shared_environment([user, shipped]) is first
    assert templating.shared_environment([user, shipped], autoescape=True) is not first
    assert templating.shared_environment([shipped]) is not first


def test_shared_environment_sees_an_edit_within_one_timestamp(user: Path, shipped: Path) -> None:
    env = templating.shared_environment([user, shipped])
    part = shipped / "part.j2"
    assert render_template(env, "top.j2", pid=lambda: 1) == "top shipped part 1"
    stat = part.stat()
    part.write_text("edited part {{ pid() }}", encoding="utf-8")
    os.utime(part, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: only the bytes differ
    assert render_template(env, "top.j2", pid=lambda: 1) == "top edited part 1"


@needs_fork
def test_shared_environment_sees_a_user_template_added_later(user: Path, shipped: Path) -> None:
    env = templating.shared_environment([user, shipped])
    assert render_template(env, "top.j2", pid=lambda: 1) == "top shipped part 1"
    (user / "part.j2").write_text("user part {{ pid() }}", encoding="utf-8")
    out = render_template(env, "top.j2", pid=os.getpid)
    assert out.startswith("top user part ") and out != f"top user part {os.getpid()}"  # and under the limits


# --- compiled shipped templates kept between runs ------------------------------------------------------------


def _new_process() -> None:
    templating._ENVIRONMENTS.clear()  # what a new process starts with


def _entries() -> list[Path]:
    return sorted(Path(str(templating.CACHE_DIRECTORY)).glob("briefgen-*.cache"))


def test_a_shipped_template_is_compiled_once_and_loaded_by_later_runs(user: Path, shipped: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "CACHE_DIRECTORY", str(user.parent / "cache"))
    (user.parent / "cache").mkdir()
    _new_process()
    env = templating.shared_environment([user, shipped])
    assert render_template(env, "top.j2", pid=lambda: 1) == "top shipped part 1"
    assert len(_entries()) == 2  # top.j2 and part.j2
    _new_process()
    env = templating.shared_environment([user, shipped])

    def no_compiling(*args: object, **kw: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", no_compiling)
    assert render_template(env, "top.j2", pid=lambda: 2) == "top shipped part 2"


def test_an_edited_shipped_template_is_compiled_again(user: Path, shipped: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "CACHE_DIRECTORY", str(user.parent / "cache"))
    (user.parent / "cache").mkdir()
    _new_process()
    assert render_template(templating.shared_environment([shipped]), "top.j2", pid=lambda: 1) == "top shipped part 1"
    (shipped / "part.j2").write_text("upgraded part {{ pid() }}", encoding="utf-8")
    _new_process()
    assert render_template(templating.shared_environment([shipped]), "top.j2", pid=lambda: 1) == "top upgraded part 1"


@needs_fork
def test_a_project_template_is_never_kept(user: Path, shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "CACHE_DIRECTORY", str(user.parent / "cache"))
    (user.parent / "cache").mkdir()
    _new_process()
    (user / "part.j2").write_text("user part", encoding="utf-8")
    assert render_template(templating.shared_environment([user, shipped]), "top.j2", pid=lambda: 1) == "top user part"
    assert len(_entries()) == 1  # top.j2 only: the project's part.j2 is compiled afresh each run


@pytest.mark.parametrize("damage", [b"", b"garbage", b"j2" + b"\x00" * 40])
def test_a_damaged_or_unwritable_cache_only_costs_a_compile(user: Path, shipped: Path,
                                                            monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    monkeypatch.setattr(templating, "CACHE_DIRECTORY", str(user.parent / "cache"))
    (user.parent / "cache").mkdir()
    _new_process()
    assert render_template(templating.shared_environment([shipped]), "top.j2", pid=lambda: 1) == "top shipped part 1"
    for entry in _entries():
        entry.write_bytes(damage)
    _new_process()
    assert render_template(templating.shared_environment([shipped]), "top.j2", pid=lambda: 3) == "top shipped part 3"
    monkeypatch.setattr(templating, "CACHE_DIRECTORY", str(user.parent / "no-such-folder"))
    _new_process()
    assert render_template(templating.shared_environment([shipped]), "top.j2", pid=lambda: 4) == "top shipped part 4"


def test_by_default_the_cache_is_jinjas_private_per_user_folder() -> None:
    cache = templating.ShippedTemplateCache(["/x"], "flavour")
    if os.name != "nt":
        assert Path(cache.directory).name == f"_jinja2-cache-{os.getuid()}"
        assert (os.stat(cache.directory).st_mode & 0o777) == 0o700
    assert cache.pattern.startswith("briefgen-") and cache.pattern.endswith("-%s.cache")
    assert templating.ShippedTemplateCache(["/x"], "other").pattern != cache.pattern
