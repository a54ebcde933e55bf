"""Datasheets inside data pipelines: DataFrames, Parquet, profiling, and checking data.

Importing this package is cheap; pandas, pyarrow and narwhals come with the `data` extra
(`pip install 'datacard[data]'`) and are imported by the functions that use them. The public
entry points check for the extra first (:mod:`datacard.extras`). The public functions are
exported from :mod:`datacard` itself: ``attach``, ``datasheet_of``, ``to_yaml``, ``embed``,
``extract``, ``profile``, ``profile_frame``, ``check_data`` and ``representation_table``.
"""
