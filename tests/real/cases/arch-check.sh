# NATIVE-SED: s/x86_64/aarch64/g
# Every program, also the ones started by others, runs as an AArch64 one
# (the native side is renamed): a child run natively by mistake shows here.
uname -m
bash -c 'uname -m'
echo "$(uname -m)" | cat
busybox uname -m
python3 -c 'import platform, os; print(platform.machine(), os.uname().machine)'
perl -MConfig -e 'print "$Config{archname}\n"'
gcc -dumpmachine
sh -c 'sh -c "sh -c \"uname -m\""'
