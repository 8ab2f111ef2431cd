# RUN: sh
# dash (/bin/sh): POSIX shell functions, loops, arithmetic, getopts, set --.
add() { echo $(($1 + $2)); }
total=0
for n in $(seq 1 30); do total=$(add $total $n); done
echo "total $total"
set -- -a -b value -c rest
while getopts ab:c opt; do
    case $opt in
    b) echo "option b=$OPTARG" ;;
    *) echo "option $opt" ;;
    esac
done
shift $((OPTIND - 1)); echo "remaining: $*"
i=0; while [ $i -lt 5 ]; do printf '%s.' "$i"; i=$((i + 1)); done; echo
IFS=,; set -- $(head -n 2 people.csv | tail -n 1); echo "$1 lives in $2"
unset IFS
echo "$(sh -c 'echo "dash child $#" "$@"' x y z)"
