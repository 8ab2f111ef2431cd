/* argv and the environment as the loader lays them out on the initial
 * stack: argument count and contents (including an empty argument and
 * spaces), getenv of set and missing variables, setenv/unsetenv, and the
 * auxiliary vector entries glibc relies on.
 * RUN-ARGS: alpha "two words" "" --flag=1
 * RUN-ENV: TERN_TEST_VAR=hello-tern TERN_EMPTY= */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "set");
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] ends with env-argv: %d\n",
           strstr(slash ? slash + 1 : argv[0], "env-argv") != NULL);

    printf("TERN_TEST_VAR=%s\n", getenv("TERN_TEST_VAR"));
    const char *empty = getenv("TERN_EMPTY");
    printf("TERN_EMPTY set=%d len=%zu\n", empty != NULL, empty ? strlen(empty) : 0);
    printf("missing=%s\n", getenv("TERN_NOT_SET_ANYWHERE") ? "set" : "NULL");
    setenv("TERN_NEW", "value", 1);
    setenv("TERN_TEST_VAR", "ignored", 0);
    printf("after setenv: %s %s\n", getenv("TERN_NEW"), getenv("TERN_TEST_VAR"));
    unsetenv("TERN_NEW");
    printf("after unsetenv: %s\n", getenv("TERN_NEW") ? "set" : "NULL");
    int n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "TERN_", 5) == 0)
            n++;
    printf("TERN_ vars in environ: %d\n", n);

    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("AT_PHDR set=%d AT_ENTRY set=%d AT_RANDOM set=%d\n",
           getauxval(AT_PHDR) != 0, getauxval(AT_ENTRY) != 0,
           getauxval(AT_RANDOM) != 0);
    printf("AT_UID matches=%d\n", getauxval(AT_UID) == (unsigned long)getuid());
    return 0;
}
