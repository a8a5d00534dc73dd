// == vulnerable ==
void Session::release(Buffer *buffer)
{
    stats_.releases++;
    logger_->debug("release");
    delete buffer;
    buffer->mark_free();  // POI
    pending_ = pending_ - 1;
}
// == secure ==
void Session::release(Buffer *buffer)
{
    stats_.releases++;
    logger_->debug("release");
    if (buffer == nullptr) {  // POI
        return;  // POI
    }  // POI
    buffer->mark_free();  // POI
    delete buffer;
    pending_ = pending_ - 1;
}
