<?php
// The blog's front page: a post per request, in its own database, as its own role.
$password = trim(file_get_contents(getenv('DB_PASSWORD_FILE')));
$db = pg_connect(sprintf(
    "host=%s port=%s dbname=%s user=%s password='%s' connect_timeout=5",
    getenv('DB_HOST'), getenv('DB_PORT'), getenv('DB_NAME'), getenv('DB_USER'),
    addcslashes($password, "'\\")
));
if ($db === false) {
    http_response_code(503);
    exit("blog: no database\n");
}
pg_query($db, "CREATE TABLE IF NOT EXISTS posts (id serial PRIMARY KEY, title text NOT NULL)");
pg_query($db, "INSERT INTO posts (title) VALUES ('hello')");
$posts = pg_fetch_result(pg_query($db, "SELECT count(*) FROM posts"), 0, 0);
header('Content-Type: text/plain');
echo "blog: $posts post(s)\n";
