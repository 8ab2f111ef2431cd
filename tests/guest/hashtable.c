/* A chained string hash table under insert/lookup/delete churn, the kind
 * of pointer-heavy code (malloc, strcmp, indirect loads) interpreters and
 * compilers run all day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    struct entry *next;
    char *key;
    long value;
};

enum { BUCKETS = 1024 };
static struct entry *table[BUCKETS];

static unsigned hash(const char *s)
{
    unsigned h = 5381;
    while (*s)
        h = h * 33 ^ (unsigned char)*s++;
    return h % BUCKETS;
}

static struct entry **find(const char *key)
{
    struct entry **pp = &table[hash(key)];
    while (*pp && strcmp((*pp)->key, key) != 0)
        pp = &(*pp)->next;
    return pp;
}

static void put(const char *key, long value)
{
    struct entry **pp = find(key);
    if (*pp) {
        (*pp)->value += value;
        return;
    }
    struct entry *e = malloc(sizeof(*e));
    e->key = strdup(key);
    e->value = value;
    e->next = NULL;
    *pp = e;
}

static int del(const char *key)
{
    struct entry **pp = find(key), *e = *pp;
    if (!e)
        return 0;
    *pp = e->next;
    free(e->key);
    free(e);
    return 1;
}

int main(void)
{
    char key[32];
    unsigned x = 7;
    int deleted = 0;
    for (int i = 0; i < 60000; i++) {
        x = x * 69069 + 1;
        snprintf(key, sizeof(key), "k%u", (x >> 10) % 20000);
        if (x % 5 == 0)
            deleted += del(key);
        else
            put(key, i);
    }
    long count = 0, sum = 0, longest = 0;
    for (int b = 0; b < BUCKETS; b++) {
        long len = 0;
        for (struct entry *e = table[b]; e; e = e->next, len++) {
            count++;
            sum += e->value % 1000003;
        }
        if (len > longest)
            longest = len;
    }
    struct entry **probe = find("k123");
    printf("entries=%ld deleted=%d sum=%ld longest=%ld k123=%ld\n", count,
           deleted, sum, longest, *probe ? (*probe)->value : -1L);
    for (int b = 0; b < BUCKETS; b++)
        while (table[b])
            del(table[b]->key);
    return 0;
}
