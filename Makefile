# The two set-up commands of the README:
#   make site   installs oep-build and builds the example site and kits into site/
#   make test   installs the test tools and runs the whole test suite (what CI runs)
PYTHON ?= python3

.PHONY: site test schemas

site:
	scripts/setup.sh
	$(PYTHON) -m oep_build build .

test:
	scripts/setup.sh --dev
	$(PYTHON) -m pytest

schemas:
	$(PYTHON) -m oep_build schema --out schemas
