# bash: subshells, command substitution, variables that must not leak.
x=outer
(x=inner; echo "in subshell: $x"; exit 4)
echo "status $? x=$x"
y=$(echo one; echo two)
echo "captured: $y"
n=$( (cd /; pwd) )
echo "cd in subshell: $n, here: $(basename "$(pwd)" | sed 's/.*/dir/')"
count=$(seq 1 100 | (sum=0; while read -r i; do sum=$((sum + i)); done; echo $sum))
echo "sum $count"
{ echo grouped; echo lines; } | wc -l
echo "$(echo "$(echo "$(echo nested three deep)")")"
result=$(exit 7) || echo "substitution status $?"
