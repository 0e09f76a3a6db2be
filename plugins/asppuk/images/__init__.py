"""Product photos: private, small, cached renditions and social preview cards (Pillow).

Plain Python with no MkDocs import; the catalogue plugin calls it.
"""

from .convert import ImageProblem, ImageSettings
from .pipeline import ImageCache, Rendition, RunStats, VariantFile, process

__all__ = ["ImageCache", "ImageProblem", "ImageSettings", "Rendition", "RunStats", "VariantFile", "process"]
