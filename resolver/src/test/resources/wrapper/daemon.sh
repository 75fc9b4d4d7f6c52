# A fake daemon for the launcher tests; it logs its life to $LOG, one line per event.
# daemon.sh NAME MODE, MODE one of:
#   s6      write the readiness newline to fd 3 after a moment, then run until SIGTERM
#   plain   run until SIGTERM
#   close   close fd 3 without a newline, then run until SIGTERM
#   exit:N  exit with status N after a moment
#   stubborn  never write the readiness newline; log SIGTERM but keep running (SIGKILL ends it)
#   fork    start a child that outlives it (a sleep, pid in $LOG.NAME.child), then run until SIGTERM
#   forkexit  start such a child, then exit 0 after a moment, leaving the child behind
#   forkstubborn  start a child that ignores SIGTERM (SIGKILL ends it), then run until SIGTERM
# Its pid goes to $LOG.NAME.pid.
name=$1
mode=$2
echo "$$" >"$LOG.$name.pid"
echo "start $name" >>"$LOG"
case $mode in
    fork | forkexit)
        sleep 1000 </dev/null >/dev/null 2>&1 &
        echo "$!" >"$LOG.$name.child"
        ;;
    forkstubborn)
        (trap '' TERM; while :; do sleep 1; done) </dev/null >/dev/null 2>&1 &
        echo "$!" >"$LOG.$name.child"
        ;;
esac
if [ "$mode" = stubborn ]; then
    trap 'echo "ignored TERM $name" >>"$LOG"' TERM
else
    trap 'echo "stop $name" >>"$LOG"; exit 0' TERM
fi
case $mode in
    s6) sleep 0.1; echo "ready $name" >>"$LOG"; echo >&3; exec 3>&- ;;
    close) exec 3>&- ;;
    forkexit) sleep 0.3; echo "exit $name" >>"$LOG"; exit 0 ;;
    exit:*) sleep 0.3; echo "exit $name" >>"$LOG"; exit "${mode#exit:}" ;;
esac
while :; do
    sleep 1 </dev/null >/dev/null 2>&1 &
    wait $!
done
