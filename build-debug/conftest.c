/* confdefs.h */
#define PACKAGE_NAME "tern"
#define PACKAGE_TARNAME "tern"
#define PACKAGE_VERSION "0.1.0"
#define PACKAGE_STRING "tern 0.1.0"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_URL ""
#define PACKAGE "tern"
#define VERSION "0.1.0"
/* end confdefs.h.  */

int
main (void)
{

  ;
  return 0;
}
