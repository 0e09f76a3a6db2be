"""MkDocs plugin: Pagefind search (chunked index, Indonesian) in Material's header."""
