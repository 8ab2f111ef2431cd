# bash: set -e in subshells, errexit exemptions, exit codes of commands.
(set -e; false; echo not printed)
echo "set -e subshell: $?"
(set -e; false || echo "|| exempts"; if false; then :; fi; echo "if exempts")
grep -q nonexistent-word text.txt; echo "grep miss $?"
grep -q river text.txt; echo "grep hit $?"
sort --no-such-option 2> /dev/null; echo "bad option $?"
nonexistent-command 2> /dev/null; echo "not found $?"
/dev/null 2> /dev/null; echo "not executable $?"
test -d . && echo "test ok"
exit 42
