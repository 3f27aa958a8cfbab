"""What .pptx and .docx packages share: reproducible zips and document properties."""
