# coreutils: date arithmetic and formats on fixed times, time zones.
date -u -d @1234567890
date -u -d @0 '+%Y-%m-%d %H:%M:%S %j %U %a %b'
date -u -d '2024-02-28 12:00 + 1 day' +%F
date -u -d '2023-12-31 23:59:59 UTC + 1 second' '+%F %T %s'
TZ=JST-9 date -d @1700000000 '+%F %T %Z %z'
date -u -d '2000-01-01' +%s
date -d @1000000000 -u --rfc-3339=seconds
touch -d '2010-10-10 10:10:10' f; date -u -r f '+%F %T'
