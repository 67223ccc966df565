"""`reportgen serve`: the reporting season's web intake, with a real database.

Bodies upload their filled forms through private links and see their mistakes at once;
the secretariat follows the season and builds the consolidated report on demand.

    app.py         Starlette routes and pages (templates/, static/)
    intake.py      uploads, versions, the accepted file in inputs/, the season's status
    checking.py    one upload through the CLI's own reader; the accepted YAML
    links.py       private links: issue, resolve, revoke
    db.py          SQLite / PostgreSQL through SQLAlchemy; Alembic migrations (migrations/)
    models.py      the tables
    security.py    CSRF, rate limits, request size, headers
    reminders.py   "Nhắc nộp báo cáo": `reportgen remind`'s library function (reportgen.cycle.remind)
"""
