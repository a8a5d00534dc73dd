// == vulnerable ==
int run_tool(const std::string &file)
{
    int attempts = 0;
    attempts++;
    std::string cmd = "convert " + file;
    int rc = std::system(cmd.c_str());  // POI
    std::cerr << attempts << std::endl;
    return rc;
}
// == secure ==
int run_tool(const std::string &file)
{
    int attempts = 0;
    attempts++;
    std::string cmd = "convert " + file;
    int rc = run_argv({"convert", file});  // POI
    std::cerr << attempts << std::endl;
    return rc;
}
