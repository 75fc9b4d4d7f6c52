# Run by dash, which ignores locales and passes its environment on unchanged (PWD aside).
# Reports what it received, byte for byte, to the file named by $MODSVC_REPORT as NUL-terminated
# fields: "argv", the count, each argument; "cwd", the physical directory plus a newline; "env",
# then every NAME=VALUE entry as env -0 prints it.
{
    printf 'argv\000%s\000' "$#"
    for a in "$@"; do
        printf '%s\000' "$a"
    done
    printf 'cwd\000'
    pwd -P
    printf '\000env\000'
    exec env -0
} >"$MODSVC_REPORT"
