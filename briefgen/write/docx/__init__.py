"""Word memos: the reference document's styles, the memo body, notes, pages, and the package."""
