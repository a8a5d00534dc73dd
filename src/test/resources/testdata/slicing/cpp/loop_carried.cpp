// == vulnerable ==
std::string join_parts(const std::vector<std::string> &parts, size_t limit)
{
    std::string out;
    size_t used = 0;
    Metrics::instance().bump("join");
    for (size_t i = 0; i < parts.size(); i++) {
        out += parts[i];  // POI
        used = used + parts[i].size();
    }
    std::cout << "joined" << std::endl;
    return out;
}
// == secure ==
std::string join_parts(const std::vector<std::string> &parts, size_t limit)
{
    std::string out;
    size_t used = 0;
    Metrics::instance().bump("join");
    for (size_t i = 0; i < parts.size(); i++) {
        if (used + parts[i].size() > limit) {  // POI
            break;  // POI
        }  // POI
        out += parts[i];
        used = used + parts[i].size();
    }
    std::cout << "joined" << std::endl;
    return out;
}
