# bash: here-documents (expanding, quoted, tab-stripped), here-strings.
name=world
cat <<END
hello $name, $((6 * 7)) is the answer
today is not $(echo printed)day
END
cat <<'END'
literal $name and $(not run)
END
	cat <<-END
	tabs stripped for $name
		second level keeps one
	END
tr a-z A-Z <<< "here string for $name"
while read -r a b; do echo "[$b|$a]"; done <<EOF2
one 1
two 2
three 3
EOF2
wc -c <<< ''
