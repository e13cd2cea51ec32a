# Everyday tasks. The first target, `run`, is what a bare `make` does.
#
#   make            install missing packages, build, then on ./celestial.sqlite: migrate, seed,
#                   generate development data and print earthquakes near Tokyo (no server)
#   make test       the whole test suite against SQLite and throwaway PostgreSQL clusters, then
#                   a short reliability campaign
#   make reliability  the reliability campaign (kills, races, secrets, the bad-input corpus;
#                   see scripts/reliability), e.g. make reliability ARGS='--trials 200'
#   make bench      release build and all benchmarks (SQLite and PostgreSQL)
#   make clean      stop leftover test clusters and remove build outputs
#
# Extra arguments go through ARGS, e.g. make test ARGS='--filter ParityTests'.

ARGS ?=

# The SpatiaLite file `make run` builds; every step leaves what is already there alone, so a
# second run changes nothing.
RUN_DATABASE = sqlite:celestial.sqlite
MERIDIAN = .build/debug/meridian

.PHONY: run test reliability bench clean

run:
	scripts/install-deps
	swift build
	$(MERIDIAN) migrate up --database $(RUN_DATABASE)
	$(MERIDIAN) seed --database $(RUN_DATABASE)
	$(MERIDIAN) fixtures generate --database $(RUN_DATABASE) --scale small
	$(MERIDIAN) near --database $(RUN_DATABASE) --lat 35.68 --lon 139.69 --km 300 --limit 10 \
		--select usgs_id,magnitude,depth_km,occurred_at,place

test:
	scripts/test $(ARGS)

reliability:
	scripts/test --reliability $(ARGS)

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
	rm -rf .pg .build-tsan
	swift package clean
