"""Render stage: turn the checked :class:`~oep_build.model.Project` into output files.

Each output family lives in its own subpackage or module (``site/``, ``kits/``,
``ics``); renderers receive the :class:`~oep_build.context.Context` and an
audience, never raw YAML.
"""
