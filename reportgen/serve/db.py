"""The database: SQLite in the project folder by default, PostgreSQL by URL; Alembic migrations.

    engine = open_database(url)          # migrated to the latest schema
    with transaction(sessions(engine)) as s: ...   # one short transaction

SQLite is opened in WAL mode with a busy timeout, and every transaction starts with
`BEGIN IMMEDIATE`, so concurrent uploads wait for each other instead of failing with
"database is locked". The migrations ship inside the package and run on every start.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import Problem, ReportgenError, SetupError

DEFAULT_DB_NAME = "reportgen-serve.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(SetupError):
    """The database cannot be opened or migrated: a setup problem, said in Vietnamese."""

    code = "serve.database"


def default_url(root: Path) -> str:
    """SQLite in the project folder."""
    return f"sqlite:///{(Path(root) / DEFAULT_DB_NAME).resolve()}"


def create(url: str) -> Engine:
    """An engine for `url`, tuned for many short concurrent transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(Problem(f"địa chỉ cơ sở dữ liệu không hợp lệ: «{_hide_password(url)}»; "
                                    "ví dụ sqlite:///duong/dan/tep.sqlite3 hoặc "
                                    "postgresql+psycopg://nguoidung@may:5432/tencsdl", code="serve.database")) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(url)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_size=10, max_overflow=30, pool_timeout=60, pool_pre_ping=True)
        except ModuleNotFoundError:
            raise DatabaseError(Problem("chưa cài trình kết nối PostgreSQL; chạy: pip install 'reportgen[serve]'", code="serve.database")) from None
    raise DatabaseError(Problem(f"chỉ hỗ trợ SQLite và PostgreSQL, không hỗ trợ «{parsed.get_backend_name()}»", code="serve.database"))


def _sqlite(url: str) -> Engine:
    engine = create_engine(url, pool_size=10, max_overflow=30, pool_timeout=60,
                           connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None       # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_database(url: str) -> Engine:
    """Open the database at `url` and bring its schema to the latest migration."""
    engine = create(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise DatabaseError(Problem(f"không có thư mục «{folder}» để đặt cơ sở dữ liệu", code="serve.database"))
    try:
        migrate(engine)
    except ReportgenError:
        raise
    except Exception as exc:  # driver errors: refused connection, wrong password, read-only file...
        engine.dispose()
        raise DatabaseError(Problem(f"không mở được cơ sở dữ liệu «{_hide_password(url)}»: {_reason(exc)}", code="serve.database")) from None
    return engine


def migrate(engine: Engine) -> None:
    """Run the shipped Alembic migrations up to the latest revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with factory() as session, session.begin():
        yield session


def shown_url(url: str) -> str:
    """`url` with its password hidden, to print."""
    return _hide_password(url)


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(không đọc được)"


_REASONS = [
    ("connection refused", "máy chủ cơ sở dữ liệu không trả lời (chưa chạy, sai địa chỉ hoặc cổng)"),
    ("could not translate host name", "không tìm thấy máy chủ cơ sở dữ liệu (sai tên máy)"),
    ("password authentication failed", "sai tên người dùng hoặc mật khẩu"),
    ("does not exist", "chưa có cơ sở dữ liệu hoặc người dùng này trên máy chủ"),
    ("permission denied", "không có quyền truy cập"),
    ("readonly database", "tệp cơ sở dữ liệu chỉ cho đọc"),
    ("unable to open database", "không mở được tệp cơ sở dữ liệu"),
    ("file is not a database", "tệp này không phải cơ sở dữ liệu SQLite"),
]


def _reason(exc: Exception) -> str:
    """The driver's error in Vietnamese, its own first line kept in brackets for the administrator."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    for words, vietnamese in _REASONS:
        if words in text.lower():
            return f"{vietnamese} ({first})"
    return f"lỗi từ trình điều khiển cơ sở dữ liệu ({first})"
