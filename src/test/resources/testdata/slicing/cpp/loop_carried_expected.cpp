// == vulnerable slice ==
std::string join_parts(const std::vector<std::string> &parts, size_t limit)
{
    std::string out;
    size_t used = 0;
    // ...
    for (size_t i = 0; i < parts.size(); i++) {
        out += parts[i];
        used = used + parts[i].size();
    }
    // ...
    return out;
}
// == secure slice ==
std::string join_parts(const std::vector<std::string> &parts, size_t limit)
{
    std::string out;
    size_t used = 0;
    // ...
    for (size_t i = 0; i < parts.size(); i++) {
        if (used + parts[i].size() > limit) {
            break;
        }
        out += parts[i];
        used = used + parts[i].size();
    }
    // ...
    return out;
}
