# Every request books an entry and answers with its HMAC under the signing key.
import hashlib
import hmac
import os
import psycopg2


def read(path):
    with open(path, "rb") as f:
        return f.read().strip()


def app(environ, start_response):
    key = read(os.environ["LEDGER_SIGNING_KEY_FILE"])
    db = psycopg2.connect(
        os.environ["LEDGER_DB"],
        password=read(os.environ["LEDGER_DB_PASSWORD_FILE"]).decode(),
        connect_timeout=5,
    )
    with db, db.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS entries (id serial PRIMARY KEY, at timestamptz DEFAULT now())")
        cur.execute("INSERT INTO entries DEFAULT VALUES RETURNING id")
        entry = cur.fetchone()[0]
    db.close()
    signature = hmac.new(key, str(entry).encode(), hashlib.sha256).hexdigest()
    body = f"ledger: entry {entry} signed {signature}\n".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
