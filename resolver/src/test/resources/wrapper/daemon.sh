# A fake daemon for the launcher tests; it logs its life to $LOG, one line per event.
# daemon.sh NAME MODE, MODE one of:
#   s6      write the readiness newline to fd 3 after a moment, then run until SIGTERM
#   plain   run until SIGTERM
#   close   close fd 3 without a newline, then run until SIGTERM
#   exit:N  exit with status N after a moment
#   stubborn  never write the readiness newline; log SIGTERM but keep running (SIGKILL ends it)
name=$1
mode=$2
echo "start $name" >>"$LOG"
if [ "$mode" = stubborn ]; then
    trap 'echo "ignored TERM $name" >>"$LOG"' TERM
else
    trap 'echo "stop $name" >>"$LOG"; exit 0' TERM
fi
case $mode in
    s6) sleep 0.1; echo "ready $name" >>"$LOG"; echo >&3; exec 3>&- ;;
    close) exec 3>&- ;;
    exit:*) sleep 0.3; echo "exit $name" >>"$LOG"; exit "${mode#exit:}" ;;
esac
while :; do
    sleep 1 </dev/null >/dev/null 2>&1 &
    wait $!
done
