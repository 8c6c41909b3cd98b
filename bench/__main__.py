"""``python -m bench`` lists the benchmarks; run one with ``python -m bench.<name>``."""

import pkgutil

import bench

print("Benchmarks (run one with: .venv/bin/python -m bench.<name>):")
for module in pkgutil.iter_modules(bench.__path__):
    if not module.name.startswith("_"):
        print(f"  bench.{module.name}")
