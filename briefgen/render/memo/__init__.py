"""The read-ahead memo: a BriefView composed as Markdown through one Jinja2 template.

``compose`` turns a view into Markdown text (pure); ``parse`` parses that Markdown into the
markdown-it token stream the HTML and DOCX writers walk; ``text`` escapes Markdown; ``figures``
and ``pictures`` are the charts and item pictures the memo shows; ``assemble`` puts the three
together for the Word, Markdown and HTML writers.
"""
