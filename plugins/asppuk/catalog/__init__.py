"""The product catalogue core: load, validate, model and locate products.

Plain Python with no MkDocs import, so scripts, tests and any future site
generator use it directly; the MkDocs plugin is a thin adapter over it.
"""

from asppuk.datafiles.problems import DataError, Problem, format_problems

from .loader import load_catalog
from .model import Catalog, Category, JarPuk, Producer, Product

__all__ = [
    "Catalog", "Category", "DataError", "JarPuk", "Problem", "Producer", "Product",
    "format_problems", "load_catalog",
]
