"""Slide decks: the presentation model, its template rendering, text fitting and master checks.

``model`` (pure data), ``render`` (template -> model), ``fit`` and
``paginate`` (text measured against the master's boxes), ``master`` (what a
master .pptx offers, checked before use).  python-pptx is only imported by
``master`` and the writer.
"""
