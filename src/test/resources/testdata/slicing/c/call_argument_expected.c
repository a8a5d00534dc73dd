// == vulnerable slice ==
void greet(const char *name)
{
    char buf[64];
    // ...
    sprintf(buf, "hello %s", name);
    // ...
}
// == secure slice ==
void greet(const char *name)
{
    char buf[64];
    // ...
    snprintf(buf, sizeof(buf), "hello %s", name);
    // ...
}
