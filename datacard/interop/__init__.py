"""Import and export of other documentation formats: Hugging Face cards and Croissant JSON-LD."""
