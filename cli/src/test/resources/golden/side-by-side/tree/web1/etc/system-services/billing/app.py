# Logs in to its own database with its own role and password when it starts (a failure stops
# the worker, so the unit does not run), and books a row per request.
import os
import psycopg2


def connect():
    with open(os.environ["DB_PASSWORD_FILE"]) as f:
        password = f.read().strip()
    return psycopg2.connect(
        host=os.environ["DB_HOST"],
        port=os.environ["DB_PORT"],
        dbname=os.environ["DB_NAME"],
        user=os.environ["DB_USER"],
        password=password,
        connect_timeout=5,
    )


def book():
    db = connect()
    with db, db.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS entries (at timestamptz DEFAULT now())")
        cur.execute("INSERT INTO entries DEFAULT VALUES")
        cur.execute("SELECT current_user, current_database(), count(*) FROM entries")
        row = cur.fetchone()
    db.close()
    return row


book()


def application(environ, start_response):
    user, database, entries = book()
    body = f"{user} in {database}: {entries} entries\n".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
