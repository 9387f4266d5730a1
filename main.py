"""The macros entry point for both engines (mkdocs.yml: macros > module_name: main).

MkDocs' macros plugin and Zensical's macros extension both load this file by
its path, and Zensical loads a package's ``__init__.py`` as a lone file, where
``from . import`` fails. So the project folder is put on the import path and
the ``macros`` package is imported once, as a package, by both: its module-level
cache then lasts the whole build even though Zensical runs ``define_env`` once
per page.
"""

import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros import define_env, on_post_build  # noqa: E402,F401
