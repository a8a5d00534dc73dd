// == vulnerable slice ==
void Session::release(Buffer *buffer)
{
    // ...
    buffer->mark_free();
    pending_ = pending_ - 1;
}
// == secure slice ==
void Session::release(Buffer *buffer)
{
    // ...
    if (buffer == nullptr) {
        return;
    }
    buffer->mark_free();
    delete buffer;
    pending_ = pending_ - 1;
}
