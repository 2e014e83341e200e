"""The smartcheck web front end (Flask + htmx): the app factory and the production server."""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from web import access_log, counters_db, errors, security
from web.nav import NAV, nav_url
from web.present import score_class
from web.render import htmx

csrf = CSRFProtect()

DEFAULTS: dict[str, Any] = {
    # Engine: an object with .check(text, context=None) and .check_many(texts); built lazily
    # (once per process) when not given.
    "ENGINE": None,
    "MAX_TEXT_CHARS": 5000,
    "MAX_BATCH_TEXTS": 100,
    # Whole request body; a blueprint that takes uploads raises it per request with
    # `request.max_content_length`.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # A workshop room often shares one address, and live checking sends a request per pause.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_PER_MINUTE": 600,
    # Workshop pages stay open for hours; the token is still bound to the session cookie.
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
    "TRUSTED_PROXIES": 0,
    # SQLAlchemy URL of the database; empty: $SMARTCHECK_DATABASE_URL, else the SQLite file.
    "DATABASE_URL": None,
    # Lockout and rate-limit counters: "database" (shared by processes), "memory", or "auto"
    # (the database when DATABASE_URL or $SMARTCHECK_DATABASE_URL names one).
    "COUNTERS": "auto",
    # Address participants use to reach the app (e.g. https://smartcheck.example.org); empty:
    # a LAN address when the facilitator is on loopback, else the address of the request.
    "PUBLIC_URL": None,
    "LAN_URLS": [],
    # Access log: "-" for stderr, a file path to append to, or None for none.
    "ACCESS_LOG": None,
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app; `config` overrides DEFAULTS (e.g. ENGINE, TESTING)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config["SECRET_KEY"] = os.environ.get("SMARTCHECK_SECRET_KEY") or secrets.token_hex(32)
    if config:
        app.config.update(config)
    app.json.sort_keys = False  # keep the Report's key order in API answers
    if int(app.config.get("TRUSTED_PROXIES") or 0) > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind a reverse proxy the client address (the rate-limit key) is X-Forwarded-For.
        n = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    csrf.init_app(app)
    htmx.init_app(app)
    # Before security (limits.init_app): a database counter store set here is kept there.
    counters_db.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    access_log.init_app(app)

    app.jinja_env.globals.update(nav=NAV, nav_url=nav_url)
    app.jinja_env.globals.update(score_class=score_class)
    return app


def _register_blueprints(app: Flask) -> None:
    """Every blueprint of the site is registered here, and only here."""
    from web.batch import bp as batch_bp
    from web.views.api import bp as api_bp
    from web.views.draft import bp as draft_bp
    from web.views.learn import bp as learn_bp
    from web.views.pages import bp as pages_bp
    from web.workshop import bp as workshop_bp

    app.register_blueprint(draft_bp)
    app.register_blueprint(learn_bp, url_prefix="/learn")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(pages_bp)
    app.register_blueprint(batch_bp, url_prefix="/check-file")
    app.register_blueprint(workshop_bp, url_prefix="/workshops")
    csrf.exempt(api_bp)  # JSON clients send no cookies; CSRF does not apply
    # Batch upload ("batch", /check-file) and workshops ("workshop", /workshops) go here.


def persistent_secret_key() -> str:
    """SMARTCHECK_SECRET_KEY, else a key kept in the data folder ($SMARTCHECK_DATA_DIR if set).

    A key that survived a restart keeps open pages' forms (CSRF tokens) valid: a workshop
    room does not lose its drafts because the laptop running the server was restarted.
    """
    if os.environ.get("SMARTCHECK_SECRET_KEY"):
        return os.environ["SMARTCHECK_SECRET_KEY"]
    from smartcheck.resources import data_dir

    path = data_dir(create=False) / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        key = secrets.token_hex(32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(key, encoding="ascii")
        except OSError:
            pass  # read-only home: a per-process key still works
        return key


def production_app(config: dict[str, Any] | None = None) -> Flask:
    """The app as served to people: persistent secret key, database migrated, models warming.

    Settings come from `config`, else the environment: SMARTCHECK_DATABASE_URL,
    SMARTCHECK_PUBLIC_URL, SMARTCHECK_ACCESS_LOG ("-" for stderr), SMARTCHECK_TRUSTED_PROXIES.
    gunicorn on Unix runs it as `gunicorn -w 4 'web:production_app()'`.
    """
    from smartcheck.database import safe_url
    from smartcheck.errors import InputError
    from web.batch.store import get_store
    from web.database import app_database_url, app_engine

    env = os.environ
    settings: dict[str, Any] = {
        "SECRET_KEY": persistent_secret_key(),
        "PUBLIC_URL": env.get("SMARTCHECK_PUBLIC_URL") or None,
        "ACCESS_LOG": env.get("SMARTCHECK_ACCESS_LOG") or None,
        "TRUSTED_PROXIES": int(env.get("SMARTCHECK_TRUSTED_PROXIES") or 0),
    }
    app = create_app({**settings, **(config or {})})
    try:  # migrations are applied on start, so no request ever meets an old schema
        app_engine(app)
        get_store(app).purge()  # results (and Word files) that expired while it was down
    except Exception as error:
        raise InputError(f"The database {safe_url(app_database_url(app))} cannot be used: "
                         f"{str(error).splitlines()[0]}") from error
    import threading

    # Load the models while the first page is being read, then check one text: the first
    # check builds the exemplar index (seconds), which a room arriving at once should not wait
    # for. Each of several processes behind a proxy warms itself.
    threading.Thread(target=_warm_up, args=(app,), name="warm-up", daemon=True).start()
    return app


def _warm_up(app: Flask, wait_seconds: float = 120.0) -> None:
    """Build the engine, wait for its embedder, then run one check (errors only logged)."""
    import time

    from web.engine import embedder_ready, get_engine

    try:
        engine = get_engine(app)
        deadline = time.monotonic() + wait_seconds
        while embedder_ready(engine) is False and time.monotonic() < deadline:
            time.sleep(0.2)
        engine.check("Adopt a law criminalising domestic violence by 2027.")
    except Exception:  # a warm-up failure must not stop the server; the request will say
        app.logger.exception("warm-up check failed")


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int = 8,
    config: dict[str, Any] | None = None,
) -> None:
    """Run the app under waitress (production WSGI server); blocks until stopped."""
    from waitress import serve as waitress_serve

    from smartcheck.database import current_revision, safe_url
    from web.addresses import server_urls
    from web.database import app_database_url, app_engine

    lan = server_urls(host, port) if host in ("0.0.0.0", "::", "") else []
    app = production_app({"LAN_URLS": lan, **(config or {})})
    url = app_database_url(app)
    print(f"smartcheck: database {safe_url(url)} (schema {current_revision(app_engine(app))})",
          flush=True)
    print(f"smartcheck: serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    if host in ("0.0.0.0", "::", ""):
        if lan:
            print("smartcheck: other devices on this network can open:", flush=True)
            for address in lan:
                print(f"  {address}", flush=True)
        else:
            print("smartcheck: this machine has no network address other devices can reach",
                  flush=True)
    if app.config.get("PUBLIC_URL"):
        print(f"smartcheck: public address {app.config['PUBLIC_URL']}", flush=True)
    waitress_serve(app, host=host, port=port, threads=threads, ident="smartcheck")
