"""One drawing module per chart kind, plus shared layout helpers.

These modules import matplotlib at the top: only :mod:`briefgen.render.charts.draw`
imports them, lazily, when a chart is actually drawn.  Each exposes
``draw(fig, spec)``.
"""
