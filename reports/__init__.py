"""The report stage: the weekly report's data gathered from the store
(weekly.py), charts (charts.py) and the HTML / Markdown / CSV renderings
(render.py, templates/)."""
