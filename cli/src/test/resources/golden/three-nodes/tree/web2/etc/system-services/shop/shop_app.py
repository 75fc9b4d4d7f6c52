# The shop: a WSGI application, as a real one uses its bindings. Every request logs in to its
# own PostgreSQL database with its own role and password, counts the visit in a table of its
# own, and keeps a session counter in Redis as its own ACL user.
import os
import psycopg2
import redis


def secret(path):
    with open(path) as f:
        return f.read().strip()


def application(environ, start_response):
    db = psycopg2.connect(
        host=os.environ["DB_HOST"],
        port=os.environ["DB_PORT"],
        dbname=os.environ["DB_NAME"],
        user=os.environ["DB_USER"],
        password=secret(os.environ["DB_PASSWORD_FILE"]),
        connect_timeout=5,
    )
    with db, db.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS visits (at timestamptz DEFAULT now())")
        cur.execute("INSERT INTO visits DEFAULT VALUES")
        cur.execute("SELECT count(*) FROM visits")
        visits = cur.fetchone()[0]
    db.close()
    sessions = redis.Redis(
        host=os.environ["REDIS_HOST"],
        port=int(os.environ["REDIS_PORT"]),
        username=os.environ["REDIS_USER"],
        password=secret(os.environ["REDIS_PASSWORD_FILE"]),
        socket_timeout=5,
    ).incr("shop:sessions")
    body = f"shop: {visits} visit(s), {sessions} session(s)\n".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
