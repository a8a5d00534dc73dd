// == vulnerable ==
void greet(const char *name)
{
    char buf[64];
    int calls = 0;
    calls = calls + 1;
    sprintf(buf, "hello %s", name);  // POI
    puts(buf);
    report(calls);
}
// == secure ==
void greet(const char *name)
{
    char buf[64];
    int calls = 0;
    calls = calls + 1;
    snprintf(buf, sizeof(buf), "hello %s", name);  // POI
    puts(buf);
    report(calls);
}
