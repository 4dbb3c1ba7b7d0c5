# The two set-up commands of the README:
#   make site   installs oep-build and builds the example site and kits into site/
#   make test   installs the test tools and runs the whole test suite, then again under a shifted clock (what CI runs)
PYTHON ?= python3

.PHONY: site test schemas lock

site:
	scripts/setup.sh
	$(PYTHON) -m oep_build build .

# The suite runs twice: at the real date, then two years ahead under faketime, so a
# test that reads the wall clock fails loudly instead of turning CI red later. The Zensical
# engine tests are left out of that pass (tests/conftest.py: its runtime hangs under
# libfaketime, and they read no date from the clock).
SHIFTED_CLOCK ?= +730d

test:
	scripts/setup.sh --dev
	$(PYTHON) -m pytest
	faketime -f "$(SHIFTED_CLOCK)" $(PYTHON) -m pytest -p no:cacheprovider

schemas:
	$(PYTHON) -m oep_build schema --out schemas

# After upgrading packages on purpose (and a green make test): pin what was tested.
lock:
	$(PYTHON) scripts/lock.py
