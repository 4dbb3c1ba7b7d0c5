"""Check stage: cross-object checks over the whole resolved project.

Each check module registers its functions with :func:`check`; importing this
package imports them all. Checks never render.
"""

from __future__ import annotations

# Registration order is run order (and report order): keep it.
from . import references  # noqa: F401  (registers checks)
from . import calendar  # noqa: F401  (registers checks)
from . import coalition  # noqa: F401  (registers checks)
from . import deliverables  # noqa: F401  (registers checks)
from . import electoral  # noqa: F401  (registers checks)
from . import events  # noqa: F401  (registers checks)
from . import series  # noqa: F401  (registers checks)
from . import networks  # noqa: F401  (registers checks)
from . import typography  # noqa: F401  (registers checks)
from . import accessibility  # noqa: F401  (registers checks)
from . import sources  # noqa: F401  (registers checks)
from . import personal_data  # noqa: F401  (registers checks)
from . import visibility_checks  # noqa: F401  (registers checks)
from . import articles  # noqa: F401  (registers checks)
from . import injection  # noqa: F401  (registers checks)
from . import extra  # noqa: F401  (registers checks)
from . import kit_templates  # noqa: F401  (registers checks)
from . import kit_supports  # noqa: F401  (registers checks)
from . import kits  # noqa: F401  (registers checks; last: the kits are laid out from checked content)
from .base import CHECKS, Context, check, run_checks
from ..views import rules as _kit_rules  # noqa: F401  (kit rule ids, for site.yml niveaux)

__all__ = ["CHECKS", "Context", "check", "run_checks"]
