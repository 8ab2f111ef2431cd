# bench/scripts/fannkuch.py N — fannkuch-redux: over every permutation of
# 1..N (in the order of the counting scheme below), flip the prefix given
# by the first element until it is 1; prints the alternating-sign checksum
# of the flip counts and the largest count.
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    checksum = max_flips = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        max_flips = max(max_flips, flips)
        checksum += sign * flips
        sign = -sign
        # the next permutation: rotate the first r+1 elements until a
        # counter has not run out
        while True:
            if r == n:
                return checksum, max_flips
            perm1.insert(r, perm1.pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    checksum, flips = fannkuch(n)
    print("%d\nPfannkuchen(%d) = %d" % (checksum, n, flips))


main()
