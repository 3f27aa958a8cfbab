"""Tailor: one library told to one audience, as a pure function.

``tailor.tailor(library, profile)`` returns a ``view.BriefView``, the only place where audience logic
lives (selection, order, framing, BLUF); ``audiences`` looks audience names up with one message.
Writers and templates see a BriefView, never an audience name.
"""
