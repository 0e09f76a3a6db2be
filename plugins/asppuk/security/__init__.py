"""What keeps content that arrives by pull request, spreadsheet or editor
from running as code on the site. No MkDocs.

- :mod:`.csp`: a Content-Security-Policy for every page, allowing scripts
  from the site itself and the inline scripts the page really has (by hash).
- :mod:`.markup`: finds script, event handlers, ``javascript:`` links and
  embedded frames in HTML rendered from Markdown, and says where they stand
  in the source file.
"""
