"""Monitoring: progress towards objectives, charts and the weekly report.

Entry points (stable, used by the site renderer):

- :func:`oep_build.monitoring.progress.objective_progress`
- :func:`oep_build.monitoring.charts.progress_markdown`
- :func:`oep_build.monitoring.render.weekly_report_markdown`

Submodules are imported on demand: this package imports nothing eagerly so
that checks may use :mod:`.series` without pulling the renderers in.
"""
