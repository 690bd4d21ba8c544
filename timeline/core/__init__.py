"""The pure domain core: standard library and timeline.errors only, no I/O, no clock."""
