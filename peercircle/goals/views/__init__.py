"""The goals pages, one module per noun: goals, their review at a meeting, the long-term
list, successes, and progress (charts, the year page, the export)."""
