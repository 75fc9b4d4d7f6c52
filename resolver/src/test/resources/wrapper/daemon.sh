# A fake daemon for the launcher tests; it logs its life to $LOG, one line per event.
# daemon.sh NAME MODE, MODE one of:
#   s6      write the readiness newline to fd 3 after a moment, then run until SIGTERM
#   plain   run until SIGTERM
#   close   close fd 3 without a newline, then run until SIGTERM
#   exit:N  exit with status N after a moment
name=$1
mode=$2
echo "start $name" >>"$LOG"
trap 'echo "stop $name" >>"$LOG"; exit 0' TERM
case $mode in
    s6) sleep 0.1; echo "ready $name" >>"$LOG"; echo >&3; exec 3>&- ;;
    close) exec 3>&- ;;
    exit:*) sleep 0.3; echo "exit $name" >>"$LOG"; exit "${mode#exit:}" ;;
esac
while :; do
    sleep 1 </dev/null >/dev/null 2>&1 &
    wait $!
done
