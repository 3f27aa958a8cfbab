"""Write: document models to files, one module or package per format.

``registry`` names the writer of each format and the options every writer takes; ``pptx/`` and
``docx/`` hold every python-pptx and python-docx call; ``ooxml/`` what both share (package entries,
document properties, reproducible zips); ``md``, ``html`` and ``pdf`` write the memo's other formats.
Writers know formats, never audiences.
"""
