"""The downloads: `model` (timeline.json, the whole model), `schema` (its JSON Schema), `tables` (CSV)."""
