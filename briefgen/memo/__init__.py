"""The read-ahead memo: a BriefView rendered to Markdown through one Jinja2 template.

:mod:`briefgen.memo.render` turns a view into Markdown text (pure);
:mod:`briefgen.memo.parse` parses that Markdown into a markdown-it token
stream that the HTML and DOCX writers walk.
"""
