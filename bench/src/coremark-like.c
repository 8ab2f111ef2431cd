/* A CoreMark-style integer mix (our own code, not CoreMark): linked-list
 * find/reverse/sort, a small matrix multiply with bit extraction, and a
 * byte-driven state machine, folded into a CRC-16 checksum.  Exercises
 * pointer chasing, short loops, branches and multiplies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { LIST = 400, MAT = 16, TEXT = 1024, ROUNDS = 10000 };

struct node {
    struct node *next;
    int16_t value;
    int16_t index;
};

static uint16_t crc16(uint16_t crc, uint32_t data)
{
    for (int i = 0; i < 32; i++) {
        unsigned bit = (data ^ crc) & 1;
        data >>= 1;
        crc = (uint16_t)(bit ? (crc >> 1) ^ 0xa001 : crc >> 1);
    }
    return crc;
}

static struct node *list_reverse(struct node *n)
{
    struct node *prev = NULL;
    while (n) {
        struct node *next = n->next;
        n->next = prev;
        prev = n;
        n = next;
    }
    return prev;
}

/* Insertion sort by value: quadratic on purpose, like the pointer churn of
 * the real thing. */
static struct node *list_sort(struct node *head)
{
    struct node *sorted = NULL;
    while (head) {
        struct node *n = head, **pp = &sorted;
        head = head->next;
        while (*pp && (*pp)->value < n->value)
            pp = &(*pp)->next;
        n->next = *pp;
        *pp = n;
    }
    return sorted;
}

static uint32_t list_work(struct node *pool, int round)
{
    for (int i = 0; i < LIST; i++) {
        pool[i].value = (int16_t)((i * 7919 + round * 31) & 0x7fff);
        pool[i].index = (int16_t)i;
        pool[i].next = i + 1 < LIST ? &pool[i + 1] : NULL;
    }
    struct node *head = list_reverse(pool);
    head = list_sort(head);
    uint32_t acc = 0;
    for (struct node *n = head; n; n = n->next)
        if (n->index % 5 == 0)
            acc = acc * 31 + (uint16_t)n->value;
    return acc;
}

static uint32_t matrix_work(int32_t a[MAT][MAT], int32_t b[MAT][MAT], int round)
{
    static int32_t c[MAT][MAT];
    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++) {
            a[i][j] = (i * j + round) & 0xff;
            b[i][j] = (i - j) * (round | 1);
        }
    uint32_t acc = 0;
    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
            acc += (uint32_t)(s >> 2) & 0xf0f;
        }
    return acc ^ (uint32_t)c[MAT - 1][MAT / 2];
}

enum state { START, INT, FRAC, EXP, INVALID };

static uint32_t state_work(const char *text, int n)
{
    enum state st = START;
    uint32_t counts[5] = { 0 };
    for (int i = 0; i < n; i++) {
        char ch = text[i];
        if (ch == ',') {
            counts[st]++;
            st = START;
            continue;
        }
        switch (st) {
        case START: st = ch >= '0' && ch <= '9' ? INT : ch == '.' ? FRAC : INVALID; break;
        case INT:   st = ch >= '0' && ch <= '9' ? INT : ch == '.' ? FRAC : ch == 'e' ? EXP : INVALID; break;
        case FRAC:  st = ch >= '0' && ch <= '9' ? FRAC : ch == 'e' ? EXP : INVALID; break;
        case EXP:   st = ch >= '0' && ch <= '9' ? EXP : INVALID; break;
        case INVALID: break;
        }
    }
    return counts[INT] * 1000003u + counts[FRAC] * 10007u + counts[EXP] * 101u + counts[INVALID];
}

int main(void)
{
    struct node *pool = malloc(LIST * sizeof(*pool));
    static int32_t a[MAT][MAT], b[MAT][MAT];
    static char text[TEXT];
    const char alphabet[] = "0123456789.e,x5,";
    uint16_t crc = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < TEXT; i++)
            text[i] = alphabet[(i * 13 + round) % 16];
        crc = crc16(crc, list_work(pool, round));
        crc = crc16(crc, matrix_work(a, b, round));
        crc = crc16(crc, state_work(text, TEXT));
    }
    printf("coremark-like crc=%04x\n", crc);
    free(pool);
    return 0;
}
