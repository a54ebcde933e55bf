"""The training check behind :func:`datacard.lint.check_training`."""

from __future__ import annotations

import os

from datacard.findings import Report
from datacard.lint.engine import check_setup, finish, project_run
from datacard.lint.training import Ref, Setup
from datacard.project import Project

API_PATH = "<check_training>"


def _ref(item: str) -> Ref:
    is_path = item.endswith((".yaml", ".yml")) or os.sep in item or os.path.exists(item)
    if is_path:
        return Ref("datacard", os.path.abspath(item), API_PATH, 0, 0, os.getcwd(), field=None)
    return Ref("dataset", item, API_PATH, 0, 0, os.getcwd(), field=None)


def training_report(
    datasheets: list[str],
    *,
    tasks: list[str],
    intended_uses: list[str],
    model: str,
    project: Project,
) -> Report:
    run = project_run(project)
    index = run.index
    # Datasheets the caller names by path are wanted wherever they are, as named files are, and
    # one that cannot be read (too large, not YAML) says so rather than pass unchecked.
    for item in datasheets:
        sheet = index.sheet(item) if _ref(item).kind == "datacard" else None
        if sheet is not None and sheet.data is None:
            run.findings.extend(sheet.findings)
    setup = Setup("api", API_PATH, model, 0, 0, tasks=tasks, intended_uses=intended_uses,
                  refs=[_ref(item) for item in datasheets], pinnable=False,
                  data_field="the datasheets passed to check_training")
    check_setup(run, setup)
    for sheet in index.by_real.values():
        run.texts[sheet.path] = sheet.loaded.text
    report = finish(run, report_unused=False)
    report.files = [s.path for s in index.by_real.values()]
    return report
