/* dlopen of a library the program was not linked with: libm.so.6 from the
 * sysroot, symbols by dlsym, a library that does not exist (dlerror), and
 * dlclose; each loop iteration calls through the function pointers so the
 * translated code of the library is chained and reused.
 * BUILD: dynamic */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef double (*MathFn)(double);

int main(void)
{
    void *m = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    if (!m) {
        printf("dlopen libm failed: %s\n", dlerror());
        return 1;
    }
    MathFn c = (MathFn)dlsym(m, "cos"), s = (MathFn)dlsym(m, "sqrt");
    double (*p)(double, double) = (double (*)(double, double))dlsym(m, "pow");
    printf("dlsym cos %d sqrt %d pow %d\n", c != NULL, s != NULL, p != NULL);
    if (!c || !s || !p)
        return 1;
    double sum = 0;
    for (int i = 0; i < 100; i++)
        sum += c(i * 0.01) + s(i) + p(1.01, i);
    printf("cos(0)=%.6f sqrt(2)=%.6f pow(2,10)=%.1f sum=%.6f\n", c(0), s(2), p(2, 10), sum);
    printf("missing symbol: %s\n", dlsym(m, "no_such_symbol_here") ? "found" : "NULL");
    printf("dlclose: %d\n", dlclose(m));

    void *none = dlopen("libdoes-not-exist.so.9", RTLD_NOW);
    const char *err = dlerror();
    printf("missing library: %s, error names it: %d\n", none ? "loaded" : "NULL",
           err && strstr(err, "libdoes-not-exist.so.9") != NULL);
    return 0;
}
