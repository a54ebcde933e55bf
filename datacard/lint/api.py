"""The training check behind :func:`datacard.lint.check_training`."""

from __future__ import annotations

import os

from datacard.config import Config
from datacard.context import NEEDS, required
from datacard.findings import Report
from datacard.lint.engine import Run, check_setup, finish
from datacard.lint.index import Index
from datacard.lint.select import Selection
from datacard.lint.setup import Ref, Setup

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
    config: Config,
    selection: Selection,
) -> Report:
    index = Index(config.root, config.datasets, max_bytes=config.max_bytes or 10 * 1024 * 1024,
                  needs=NEEDS + required(config.extend_require))
    run = Run(index, selection)
    setup = Setup("api", API_PATH, model, 0, 0, tasks=tasks, intended_uses=intended_uses,
                  refs=[_ref(item) for item in datasheets], pinnable=False,
                  data_field="the datasheets passed to check_training")
    check_setup(run, setup)
    for sheet in index.by_real.values():
        run.texts[sheet.path] = sheet.loaded.text
    run.severity = config.severity
    report = finish(run, report_unused=False)
    report.files = [s.path for s in index.by_real.values()]
    return report
