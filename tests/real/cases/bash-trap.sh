# bash: traps on EXIT, ERR, signals sent to itself and to a subshell.
trap 'echo "exit trap, status $?"' EXIT
trap 'echo "caught USR1"' USR1
trap 'echo "err trap at line $LINENO"' ERR
kill -USR1 $$
echo after usr1
false
( trap 'echo "subshell TERM"; exit 9' TERM; kill -TERM $BASHPID; echo unreachable )
echo "subshell status $?"
{ sh -c 'kill -KILL $$'; } 2> /dev/null
echo "killed child status $?"
trap - ERR
f() { trap 'echo "RETURN from f"' RETURN; return 2; }
f
echo "f returned $?"
exit 5
