"""Benchmarks at scale: a synthetic catalogue generator and a runner of figures against floors.

``python -m benchmarks.generate --scale 100`` builds (or finds cached) a catalogue a hundred
times the report's; ``python -m benchmarks`` measures every figure beside its floor. See
benchmarks/README.md.
"""
