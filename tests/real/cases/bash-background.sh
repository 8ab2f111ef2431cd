# bash: background jobs, wait, $!, parallel writers joined in order.
for i in 1 2 3 4 5; do
    ( s=0; for j in $(seq 1 $((i * 200))); do s=$((s + j)); done; echo "$i $s" > part.$i ) &
done
wait
cat part.1 part.2 part.3 part.4 part.5
sleep 0.2 &
pid=$!
wait $pid; echo "sleep status $?"
( exit 6 ) & wait $!; echo "job status $?"
sh -c 'exit 3' & p1=$!
sh -c 'exit 4' & p2=$!
wait $p2; b=$?; wait $p1; a=$?
echo "statuses $a $b"
