"""Render: a BriefView turned into format-neutral document models, through Jinja2 templates.

``environment`` is the template environment every template shares (sandboxed for user templates,
with one set of helpers); ``deck/`` renders the deck model and fits its text to a master's boxes;
``memo/`` composes the memo as Markdown; ``charts/`` builds chart specs from a view and draws memo
charts with matplotlib.  Nothing here imports python-pptx, python-docx or :mod:`briefgen.write`.
"""
