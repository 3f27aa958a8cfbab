"""The deck model: what each slide holds, rendered from the deck template, fitted and paginated.

``model`` (pure data), ``render`` (template -> model), ``fit`` and ``paginate`` (text measured
against the boxes a master gives), ``styles`` and ``picture`` (type sizes and picture frames).
The master itself is read by :mod:`briefgen.write.pptx.master`.
"""
