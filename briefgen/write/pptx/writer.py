"""The .pptx writer: a BriefView drawn as a 16:9 slide deck on a master.

Steps: check the master (zip directory first, then layouts by name), render
the deck template to the deck model, measure and paginate the text against
the master's boxes, draw charts (natively, or as pictures: matplotlib is imported only for those), read
item pictures (only the bytes verified at load time), fill slides, notes,
banners and document properties, then write the package atomically, once,
with fixed zip dates so the same input gives the same bytes.
"""
from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any, Callable

from briefgen.atomic import atomic_write
from briefgen.errors import BuildError, Problem, TemplateError
from briefgen.load.schema import suggest
from briefgen.render.colors import mix
from briefgen.render.deck.fit import METRIC_TWINS, WIDTH_SAFETY, TextMeasurer, measurer_for
from briefgen.render.deck.model import LAYOUTS, Deck, Slide
from briefgen.render.deck.paginate import FIXED_FLOOR, paginate
from briefgen.render.deck.picture import Frame
from briefgen.render.charts.for_view import timeline_events
from briefgen.render.deck.render import CHART_BOX, RenderedDeck, render_deck
from briefgen.tailor.view import BriefView
from briefgen.write.ooxml.properties import (
    DECK_CATEGORY,
    NewPart,
    document_datetime,
    document_epoch,
    set_extended,
    set_properties,
)
from briefgen.write.ooxml.zip import write_zip
from briefgen.write.pptx.draw import (
    Banners,
    NewSlides,
    SpeakerNotes,
    add_footer,
    add_picture,
    draw_slide,
    notes_text,
)
from briefgen.write.pptx.elements import slide_id_list, xml_of
from briefgen.write.pptx.master import (
    Role,
    RoleCache,
    RolesOf,
    check_package,
    find_layout,
    layout_boxes,
    layout_names,
    layout_problems,
    open_master,
    theme_colors,
)
from briefgen.write.pptx.looks import LookContext
from briefgen.write.pptx.origins import name_shapes, slide_keys, slide_record
from briefgen.write.pptx.package import package_entries
from briefgen.write.registry import OutputOptions, Written, guard_output


def shipped_master(template_dirs: tuple) -> Path:
    """The master used when none is configured: the first ``pptx/default.pptx`` among the template folders."""
    for d in template_dirs:
        candidate = Path(d) / "pptx" / "default.pptx"
        if candidate.is_file():
            return candidate
    raise TemplateError([Problem(None, "master", "no pptx/default.pptx in any template folder; set master: in "
                                                 "briefgen.yaml or restore the shipped templates")])


def unknown_layouts(rendered: RenderedDeck, prs: Any, layouts_map: dict[str, str]) -> list[Problem]:
    """A problem at the template line of the first slide naming each layout that is neither one of briefgen's
    (:data:`LAYOUTS`), nor mapped under ``layouts:`` in briefgen.yaml, nor a layout of the master: the
    template misspelt it, the master is not to blame."""
    have = layout_names(prs)
    problems, seen = [], set()
    for i, slide in enumerate(rendered.deck.slides):
        name = slide.layout
        if name in LAYOUTS or name in layouts_map or name in have or name in seen:
            continue
        seen.add(name)
        problems.append(Problem(rendered.where(slide.loc), f"slides[{i}].layout",
                                f"expected one of briefgen's layouts ({', '.join(LAYOUTS)}) or a layout of the "
                                f"master, got {name!r}{suggest(name, list(LAYOUTS) + have)}"))
    return problems


def write_pptx(view: BriefView, target: Path, options: OutputOptions) -> Written:
    """Write ``view`` as a deck to ``target``; return warnings, with the record of what each generated shape
    contains (:func:`briefgen.write.pptx.origins.slide_record`, per slide). TemplateError for a bad master or
    template, BuildError for text that cannot fit or a file that cannot be written."""
    target = Path(target)
    guard_output(target, options)
    master = Path(options.master) if options.master else shipped_master(tuple(options.template_dirs))
    layouts_map = dict(options.layouts)
    problems = check_package(master)  # before rendering anything: a bad master is the likelier mistake
    if problems:
        raise TemplateError(problems)
    rendered = render_deck(view, options.template_dirs)
    used = list(dict.fromkeys(s.layout for s in rendered.deck.slides))
    # Every slide of a layout reads the same roles, and so does every deck on the same master: work them out once.
    roles_of = RoleCache(hashlib.sha256(master.read_bytes()).hexdigest())
    prs = open_master(master, layouts_map, required=[n for n in used if n in LAYOUTS or n in layouts_map],
                      roles_of=roles_of)
    problems = unknown_layouts(rendered, prs, layouts_map)
    if problems:
        raise TemplateError(problems)
    problems = layout_problems(prs, master, layouts_map, [n for n in used if n not in LAYOUTS and n not in layouts_map],
                               roles_of)
    if problems:
        raise TemplateError(problems)
    layouts = {name: find_layout(prs, layouts_map.get(name, name)) for name in used}
    rendered = _with_master_chart_box(rendered, view, options, layouts, roles_of)
    warnings: list[Problem] = []
    measure = _measurers(warnings)
    boxes = layout_boxes(prs, layouts_map, used, roles_of)
    deck, fit_warnings = paginate(rendered.deck, boxes, measure, options.shrink_to_fit)
    warnings.extend(fit_warnings)
    footer_sizes = _footer_sizes(deck, layouts, roles_of, measure, options.shrink_to_fit, warnings)
    when = document_datetime(view, options.source_date_epoch)
    chart = _charts(view, deck, rendered, prs, layouts, roles_of, options, measure, when, warnings)
    image = item_pictures(view, rendered, layouts, roles_of)
    _drop_slides(prs)
    record = _fill_slides(prs, deck, view, layouts, roles_of, footer_sizes, chart, measure, image, warnings)
    warnings.extend(_label_leaks(view, deck))
    package = prs.part.package
    set_properties(prs.core_properties, package, _new_part(package), view, DECK_CATEGORY, options.source_date_epoch)
    set_extended(package, {"Slides": len(deck.slides), "Notes": len(deck.slides), "HiddenSlides": 0})
    epoch = document_epoch(view, options.source_date_epoch)

    def produce(tmp: Path) -> None:
        write_zip(tmp, package_entries(prs), epoch)

    guard_output(target, options)
    atomic_write(target, produce)
    return Written(warnings, record={"slides": record})


def _with_master_chart_box(rendered: RenderedDeck, view: BriefView, options: OutputOptions, layouts: dict,
                           roles_of: RolesOf) -> RenderedDeck:
    """The deck rendered again for the master's own Chart box when its timeline would show other events than the
    shipped master's (the timeline slide's notes list the events on the slide); else ``rendered`` as it is."""
    if "Chart" not in layouts or "chart" not in roles_of(layouts["Chart"]):
        return rendered
    box = roles_of(layouts["Chart"])["chart"].box
    size = (box.width / 72, box.height / 72)
    if len(timeline_events(view, size)) == len(timeline_events(view, CHART_BOX)):
        return rendered
    return render_deck(view, options.template_dirs, chart_box=size)


def _fill_slides(prs: Any, deck: Deck, view: BriefView, layouts: dict, roles_of: RolesOf, footer_sizes: dict,
                 chart: Any, measure: Callable[[str], TextMeasurer], image: Any, warnings: list[Problem]) -> list:
    """Add a slide of ``prs`` per slide of ``deck``: its content (each shape named with its origin), footer,
    classification banners and speaker notes; a warning for each slide without notes.  Returns each slide's
    record (:func:`briefgen.write.pptx.origins.slide_record`)."""
    banners = Banners(view.classification, prs.slide_width, prs.slide_height, view.banner_colors)
    speaker_notes = SpeakerNotes()
    new_slides = NewSlides(prs)
    records = []
    for number, (slide, key) in enumerate(zip(deck.slides, slide_keys(deck.slides)), start=1):
        layout = layouts[slide.layout]
        roles = roles_of(layout)
        pslide = new_slides.add(layout)
        drawn = draw_slide(pslide, slide, roles, chart=chart, measure=measure, image=image)
        footer, size = footer_sizes.get(slide.layout, (deck.footer, None))
        add_footer(pslide, layout, footer, number, size)
        banners.add(pslide, *((slide.banner.text, slide.banner.colors) if slide.banner is not None else ()))
        name_shapes(xml_of(pslide), key, drawn)
        notes = slide.speaker_notes()
        speaker_notes.set(pslide, notes)
        records.append(slide_record(xml_of(pslide), slide, key, notes_text(notes), LookContext(pslide)))
        if not notes:
            warnings.append(Problem(None, "", f'slide {number} "{slide.title or slide.layout}": no speaker notes',
                                    severity="warning"))
    return records


def _new_part(package: Any) -> NewPart:
    """Makes python-pptx parts of ``package`` (for the document properties)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    return lambda name, content_type, blob: Part(PackURI(name), content_type, package, blob)


def _measurers(warnings: list) -> Callable[[str], TextMeasurer]:
    seen: set[str] = set()

    def get(family: str) -> TextMeasurer:
        m, warns = measurer_for(family)
        if family not in seen:
            seen.add(family)
            warnings.extend(warns)
        return m

    return get


MIN_FOOTER_PT = 10.0  # footers shrink to fit their box, never below this (the checks' smallest text size)


def _footer_sizes(deck: Deck, layouts: dict[str, Any], roles_of: RolesOf, measure: Callable[[str], TextMeasurer],
                  shrink: bool, warnings: list) -> dict[str, tuple[str, float | None]]:
    """Per layout (of ``layouts``: briefgen name -> master layout), the footer's text and its font size when it
    had to shrink (None: as the master sets it).  A footer shrinks quietly down to MIN_FOOTER_PT (and 60%); one
    that still does not fit loses its last " | " part (the date), with a warning, before it is an error."""
    sizes: dict[str, tuple[str, float | None]] = {}
    if not deck.footer:
        return sizes
    done: dict[int, tuple[str, float | None]] = {}  # per master layout: several briefgen layouts may map to one
    shortened: list[str] = []
    for name, layout in layouts.items():
        key = id(xml_of(layout))
        if key in done:
            sizes[name] = done[key]
            continue
        role = roles_of(layout).get("footer")
        if role is None:
            continue
        sizes[name] = done[key] = _footer_fit(deck.footer, role.box, measure, shrink, layout.name, warnings)
        if sizes[name][0] != deck.footer:
            shortened.append(layout.name)
    if shortened:
        text = next(t for t, _ in sizes.values() if t != deck.footer)
        warnings.append(Problem(None, "footer", f"shortened to {text!r} to fit its box on layout"
                                                f"{'s' if len(shortened) > 1 else ''} "
                                                f"{', '.join(repr(n) for n in shortened)}", severity="warning"))
    return sizes


def _footer_fit(footer: str, box: Any, measure: Callable[[str], TextMeasurer], shrink: bool, layout: str,
                warnings: list) -> tuple[str, float | None]:
    """The footer text and size (None: the master's) that fit ``box`` on one line; BuildError if none does."""
    st = box.level(0)
    quiet = min(max(MIN_FOOTER_PT, st.size * FIXED_FLOOR), st.size)

    def needed(text: str) -> float:
        ratio = measure(box.font).width(text, st.size, st.bold) / max(box.inner_width, 1.0)
        return st.size if ratio <= WIDTH_SAFETY else max(math.floor(st.size * WIDTH_SAFETY / ratio * 2) / 2, 1.0)

    texts = [footer] + ([footer.rsplit(" | ", 1)[0]] if " | " in footer else [])
    for text in texts:
        size = needed(text)
        if size >= quiet:
            return text, (None if size == st.size else size)
    if shrink:
        size = needed(footer)
        warnings.append(Problem(None, "footer", f"shrunk to {size:g} pt to fit its box on layout {layout!r}",
                                severity="warning"))
        return footer, size
    ratio = measure(box.font).width(footer, st.size, st.bold) / max(box.inner_width, 1.0)
    raise BuildError([Problem(None, "footer", f"{footer!r} is {ratio:.0%} of its box on layout {layout!r}; shorten "
                                              f"it or set shrink_to_fit: true")])


def _charts(view: BriefView, deck: Deck, rendered: RenderedDeck, prs: Any, layouts: dict[str, Any],
            roles_of: RolesOf, options: OutputOptions, measure: Callable[[str], TextMeasurer], when: Any,
            warnings: list) -> Callable[[Any, Role, Slide], None] | None:
    """A function that draws a slide's chart in its box, or None when no slide shows a chart.

    Each chart is native (:mod:`briefgen.write.pptx.charts`) unless the slide's ``chart_style`` or, without
    one, ``options.deck_charts`` asks for a picture (or the kind has no native form); pictures are drawn up
    front, all together (workers building other decks at the same time share the drawing), and only then is
    matplotlib imported.  Their warnings (characters no font has) go to ``warnings``."""
    wanted = [s for s in deck.slides if s.chart]
    if not wanted:
        return None
    available = {c.kind for c in view.charts}
    bad = [s for s in rendered.deck.slides if s.chart and s.chart not in available]
    if bad:
        have = ", ".join(sorted(available)) or "none"
        raise TemplateError([Problem(rendered.where(s.loc), "chart",
                                     f"{s.chart!r} is not a chart of this brief (view.charts has: {have}); "
                                     f"guard the slide with {{% if view.chart({s.chart!r}) %}}")
                             for s in bad])
    from briefgen.render.charts.for_view import chart_specs
    from briefgen.render.charts.spec import ChartTheme
    from briefgen.write.pptx.charts import NATIVE_KINDS

    def native(slide: Slide) -> bool:
        return (slide.chart_style or options.deck_charts) == "native" and slide.chart in NATIVE_KINDS

    theme = chart_theme(theme_colors(prs), ChartTheme)
    by_size: dict[tuple, dict] = {}
    specs: dict[tuple, Any] = {}  # (kind, native) -> spec
    for s in wanted:
        box = roles_of(layouts[s.layout])["chart"].box
        size = (round(box.width / 72, 3), round(box.height / 72, 3))
        if size not in by_size:
            by_size[size] = {spec.kind: spec for spec in chart_specs(view, theme, size=size)}
        if s.chart in by_size[size]:
            specs[(s.chart, native(s))] = by_size[size][s.chart]
    pictured = {kind: spec for (kind, is_native), spec in specs.items() if not is_native}
    images: dict[str, bytes] = {}
    if pictured:
        from briefgen.render.charts.cache import chart_images

        images = dict(zip(pictured, chart_images(list(pictured.values()), "png", cache_dir=options.chart_cache,
                                                 warnings=warnings)))

    def chart(pslide: Any, role: Role, slide: Slide) -> None:
        is_native = native(slide)
        spec = specs.get((slide.chart, is_native))
        if spec is None:
            raise BuildError([Problem(None, "chart", f"{slide.chart!r} has no data for this brief")])
        if is_native:
            from briefgen.write.pptx.charts import add_native_chart

            frame = Frame(role.left, role.top, role.box.width, role.box.height)
            add_native_chart(pslide.shapes, frame, spec, measure(role.box.font), role.box.font, when)
        else:
            add_picture(pslide, role, images[slide.chart], spec.alt_text, f"Chart: {spec.title}")

    return chart


def item_pictures(view: BriefView, rendered: RenderedDeck, layouts: dict[str, Any],
                  roles_of: RolesOf) -> Callable[[str], tuple] | None:
    """A function item id -> (image bytes, alt text, shape name, width px, height px) for the slides that show
    an item's picture, or None when none does.  TemplateError for a slide naming an item without a picture,
    or on a layout without a right column to hold it; the bytes are those verified at load time.
    ``layouts``: briefgen layout name -> master layout, for every layout the deck uses."""
    from briefgen.load.images import read_verified

    wanted = [s for s in rendered.deck.slides if s.image]
    if not wanted:
        return None
    items = {i.id: i for i in view.all_items() if i.image is not None}
    problems = []
    for s in wanted:
        if s.image not in items:
            have = ", ".join(sorted(items)) or "none"
            problems.append(Problem(rendered.where(s.loc), "image",
                                    f"{s.image!r} is not an item with a picture in this brief (items with one: "
                                    f"{have}); guard the slide with {{% if item.image %}}"))
            continue
        layout = layouts.get(s.layout)
        if layout is None or "right" not in roles_of(layout):
            problems.append(Problem(rendered.where(s.loc), "image", f"layout {s.layout!r} has no right column to "
                                                                    f"hold the picture; use \"Two Content\""))
    if problems:
        raise TemplateError(problems)
    cache: dict[str, tuple] = {}

    def image(item_id: str) -> tuple:
        if item_id not in cache:
            item = items[item_id]
            img = item.image
            data = read_verified(img.path, img.sha256)
            cache[item_id] = (data, img.alt, f"Picture: {item.title}", img.width, img.height)
        return cache[item_id]

    return image


def chart_theme(colors: dict[str, str], theme_cls: Any) -> Any:
    """A ChartTheme built from the master's theme colours (missing slots keep the chart defaults)."""
    def pick(*names: str) -> str | None:
        for n in names:
            if n in colors:
                return "#" + colors[n]
        return None

    values = {"primary": pick("accent1", "dk2"), "accent": pick("accent2"), "highlight": pick("accent3"),
              "text": pick("dk1"), "background": pick("lt1"), "grid": pick("lt2")}
    muted = pick("accent4")
    if muted:
        values["muted"] = mix(muted, "#ffffff", 0.45)
    values = {k: v for k, v in values.items() if v}
    return theme_cls(font=METRIC_TWINS.get("calibri", "Carlito"), **values)


def _drop_slides(prs: Any) -> None:
    """Remove the slides the master file came with (their notes and media go with them)."""
    ids = slide_id_list(prs.slides)
    for sld in list(ids):
        rid = sld.rId
        ids.remove(sld)
        prs.part.drop_rel(rid)


def _label_leaks(view: BriefView, deck: Deck) -> list[Problem]:
    """Warnings for slides whose visible text names the audience (labels live in file properties only)."""
    out = []
    label = view.audience_label
    for n, s in enumerate(deck.slides, start=1):
        texts = [s.title, s.subtitle, s.kicker, s.caption] + [b.text for b in s.body + s.right]
        if s.table is not None:
            texts += list(s.table.columns) + [c for row in s.table.rows for c in row]
        if any(label and t and label in t for t in texts):
            out.append(Problem(None, "", f'slide {n} "{s.title or s.layout}": shows the audience label {label!r}; '
                                         f"audience names belong in file properties only", severity="warning"))
    return out


__all__ = ["write_pptx", "shipped_master", "chart_theme"]
