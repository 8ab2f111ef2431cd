/* A Dhrystone-flavoured mix (our own code): record assignment, string
 * copies and compares, enum switches, small procedures called through a
 * global record pointer, and char/int arithmetic. */
#include <stdio.h>
#include <string.h>

enum color { RED, GREEN, BLUE, BLACK };

struct record {
    struct record *next;
    enum color color;
    int num;
    int vals[8];
    char name[31];
};

static struct record rec_a, rec_b, *glob = &rec_a;
static char str_one[31], str_two[31];
static int array1[64], array2[64][64];

static enum color choose(char c1, char c2)
{
    return c1 == c2 ? (c1 & 1 ? GREEN : BLUE) : RED;
}

static int proc_compare(const char *a, const char *b)
{
    int n = 0;
    while (n < 2 && a[n + 1] == b[n + 1])
        n++;
    return strcmp(a, b) > 0 ? n + 7 : n;
}

static void proc_record(struct record *r, int k)
{
    *r->next = *glob;
    r->num = k;
    r->next->num = r->num + 5;
    switch (r->color) {
    case RED:   r->color = GREEN; break;
    case GREEN: r->color = BLUE; break;
    case BLUE:  r->color = BLACK; break;
    case BLACK: r->color = RED; break;
    }
    for (int i = 0; i < 8; i++)
        r->vals[i] += r->next->vals[7 - i] ^ k;
}

static void proc_arrays(int x, int y)
{
    int idx = (x + 5) & 63;
    array1[idx] = y;
    array1[(idx + 1) & 63] = array1[idx];
    for (int i = idx; i < idx + 2; i++)
        array2[idx][i & 63] = i;
    array2[idx][(idx - 1) & 63] += 1;
    array2[(idx + 20) & 63][idx] = array1[idx];
}

int main(void)
{
    rec_a.next = &rec_b;
    rec_b.next = &rec_a;
    strcpy(rec_a.name, "DHRYSTONE-LIKE, SOME STRING");
    strcpy(str_one, "DHRYSTONE PROGRAM, 1'ST STRING");
    unsigned long acc = 0;
    for (int run = 0; run < 20000000; run++) {
        int a = run & 15, b = 3, c;
        strcpy(str_two, (run & 1) ? "DHRYSTONE PROGRAM, 2'ND STRING" : "DHRYSTONE PROGRAM, 3'RD STRING");
        c = proc_compare(str_one, str_two);
        enum color col = choose((char)('A' + a), (char)('A' + (run & 7)));
        proc_record(glob, a * b + c);
        proc_arrays(a, c + run);
        glob = glob->next;
        acc += (unsigned)col + (unsigned)c + (unsigned)glob->num + (unsigned)glob->vals[a & 7];
    }
    printf("dhry-like acc=%lu a1=%d a2=%d\n", acc, array1[9], array2[25][8]);
    return 0;
}
