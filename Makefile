# Everyday tasks. The first target, `run`, is what a bare `make` does.
#
#   make            install missing packages, build, run the meridian tool
#   make test       the whole test suite against SQLite and throwaway PostgreSQL clusters
#   make bench      release build and all benchmarks (SQLite and PostgreSQL)
#   make clean      stop leftover test clusters and remove build outputs
#
# Extra arguments go through ARGS, e.g. make test ARGS='--filter ParityTests'.

ARGS ?=

.PHONY: run test bench clean

run:
	scripts/install-deps
	swift build
	.build/debug/meridian

test:
	scripts/test $(ARGS)

bench:
	scripts/bench $(ARGS)

# Clusters are normally stopped by the script that started them; one killed outright
# (kill -9, a closed terminal) leaves its state file in .pg/, so stop those first.
# `swift package clean` keeps downloaded dependencies, so a later build works offline.
clean:
	@for state in .pg/*state; do \
		[ -f "$$state" ] || continue; \
		MERIDIAN_PG_STATE="$$state" scripts/pg-cluster stop; \
	done
	rm -rf .pg
	swift package clean
