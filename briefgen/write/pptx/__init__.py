"""PowerPoint decks: the master (layouts, roles, theme), drawing slides, and writing the package."""
