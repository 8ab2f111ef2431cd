# bash: recursion, local variables, indexed and associative arrays.
fib() { local n=$1; if (( n < 2 )); then echo $n; return; fi
        echo $(( $(fib $((n - 1))) + $(fib $((n - 2))) )); }
echo "fib(9) = $(fib 9)"
fact() { if (( $1 <= 1 )); then r=1; else fact $(($1 - 1)); r=$((r * $1)); fi; }
fact 20; echo "20! = $r"
declare -a a=(pear apple fig banana cherry)
echo "${#a[@]} items, second ${a[1]}, last ${a[-1]}, slice ${a[@]:1:3}"
IFS=$'\n' sorted=($(printf '%s\n' "${a[@]}" | sort)); unset IFS
echo "sorted: ${sorted[*]}"
declare -A color=([apple]=red [banana]=yellow [fig]=purple)
color[pear]=green
for k in $(printf '%s\n' "${!color[@]}" | sort); do echo "$k is ${color[$k]}"; done
counter() { local -i c=0; for w in "$@"; do c+=${#w}; done; echo $c; }
echo "letters: $(counter "${a[@]}")"
