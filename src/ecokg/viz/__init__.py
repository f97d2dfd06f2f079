"""Pictures of a knowledge graph: the offline policy→outcome report (``ecokg viz``)."""

from __future__ import annotations

from ecokg.viz.report import render_report, report_html, write_report

__all__ = ["render_report", "report_html", "write_report"]
