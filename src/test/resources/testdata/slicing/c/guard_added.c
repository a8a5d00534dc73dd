// == vulnerable ==
int read_item(struct table *t, int index, int *out)
{
    int status = 0;
    counter_inc(&t->reads);
    trace("read_item");
    *out = t->items[index];
    status = 1;
    return status;
}
// == secure ==
int read_item(struct table *t, int index, int *out)
{
    int status = 0;
    counter_inc(&t->reads);
    trace("read_item");
    if (index < 0 || index >= t->count)  // POI
        return -1;  // POI
    *out = t->items[index];
    status = 1;
    return status;
}
