# Klang: the two commands a newcomer types are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export PYTHAINLP_OFFLINE := 1

.PHONY: demo test lint install install-dev messages check-deploy clean

# Reinstall only when a lock file changed.
$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

# axe-core (package.json, pinned) for the accessibility test. Without npm the test is skipped,
# except in CI (KLANG_REQUIRE_BROWSER=1), where it fails.
NPM := $(shell command -v npm 2>/dev/null)
NODE_DEPS :=
ifneq ($(wildcard package.json),)
ifneq ($(NPM),)
NODE_DEPS := node_modules/.package-lock.json
endif
endif

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev $(NODE_DEPS)

## demo: install, migrate, load the areas and the Lamphun demo, print logins, serve on $(PORT)
demo: install
	@mkdir -p var
	KLANG_DEMO=1 $(PY) manage.py migrate --no-input -v0
	KLANG_DEMO=1 $(PY) manage.py load_areas
	KLANG_DEMO=1 $(PY) manage.py load_demo
	KLANG_DEMO=1 $(PY) manage.py collectstatic --no-input -v0
	@echo "Klang demo: http://$(HOST):$(PORT)/"
	KLANG_DEMO=1 KLANG_SECURE_COOKIES=0 $(VENV)/bin/gunicorn klang.wsgi:application \
		--bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

## test: the whole suite (SQLite unless DATABASE_URL is set), browser tests included
test: install-dev
	KLANG_TESTING=1 $(PY) -m pytest -q $(PYTEST_ARGS)

## lint: ruff over the whole project (rules in pyproject.toml)
lint: install-dev
	$(VENV)/bin/ruff check .

## messages: extract and compile Thai translations (needs GNU gettext)
messages: install-dev
	$(PY) manage.py makemessages -l th -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

check-deploy: install
	KLANG_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	KLANG_EVIDENCE_KEYS=k1:$$($(PY) -c "import base64,os;print(base64.urlsafe_b64encode(os.urandom(32)).decode())") \
	KLANG_ALLOWED_HOSTS=klang.example.org KLANG_SSL_REDIRECT=1 KLANG_HSTS_SECONDS=31536000 \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
